package org.wangge.geo.codes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;
import org.junit.jupiter.params.provider.CsvSource;
import org.wangge.geo.codes.internal.CsvTable;

class ClassCatalogueTest {

  private static final String HEADER =
      "kind,code,major,zh_name,en_name,accuracy,manhole_cover,note\n";

  private final ClassCatalogue standard = ClassCatalogue.standard();

  @ParameterizedTest(name = "{0} {1} {2}")
  @CsvFileSource(resources = "domain-classes.csv", numLinesToSkip = 1)
  void everyDomainClassIsPresentWithItsChineseName(ClassKind kind, String code, String zhName) {
    ClassDefinition def = standard.require(kind, ClassCode.parse(code));

    assertThat(def.zhName()).isEqualTo(zhName);
    assertThat(def.enName()).isNotBlank().doesNotContainPattern("\\p{IsHan}");
  }

  @Test
  void holdsExactlyTheDomainClasses() {
    List<String> expected =
        CsvTable.readResource(getClass(), "domain-classes.csv", List.of("kind", "code")).stream()
            .map(r -> r.get("kind") + " " + r.get("code"))
            .sorted()
            .toList();
    List<String> actual =
        java.util.stream.Stream.of(ClassKind.values())
            .flatMap(k -> standard.all(k).stream())
            .map(d -> d.kind() + " " + d.code())
            .sorted()
            .toList();

    assertThat(actual).containsExactlyElementsOf(expected);
  }

  @Test
  void componentAndEventCodesAreSeparateNamespaces() {
    ClassCode code = ClassCode.parse("0102");

    assertThat(standard.component(code))
        .get()
        .extracting(ClassDefinition::zhName)
        .isEqualTo("污水井盖");
    assertThat(standard.event(code)).get().extracting(ClassDefinition::zhName).isEqualTo("暴露垃圾");
    assertThat(standard.event(ClassCode.parse("0101"))).isEmpty();
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource({
    "3205080101000001,  0101, 上水井盖",
    "32050801001000001, 0101, 上水井盖",
    "3205090214000007,  0214, 交通信号灯",
    "32050904002000123, 0402, 行道树",
    "3205080501999999,  0501, 宣传栏",
    "32050801036000001, 0136, 监控电子眼",
  })
  void componentCodesOf16And17DigitsResolveToTheirClass(
      String componentCode, String classCode, String zhName) {
    ClassDefinition def = standard.requireComponent(ComponentCode.parse(componentCode));

    assertThat(def.code()).isEqualTo(ClassCode.parse(classCode));
    assertThat(def.zhName()).isEqualTo(zhName);
    assertThat(standard.isKnownComponent(ComponentCode.parse(componentCode))).isTrue();
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "COMPONENT, 0199",
    "COMPONENT, 0210",
    "COMPONENT, 21",
    "COMPONENT, 2101",
    "COMPONENT, 01099",
    "COMPONENT, 01136",
    "EVENT,     0101",
    "EVENT,     06",
  })
  void unknownClassesAreEmptyAndRequireNamesTheCode(ClassKind kind, String code) {
    ClassCode classCode = ClassCode.parse(code);

    assertThat(standard.find(kind, classCode)).isEmpty();
    assertThat(
            kind == ClassKind.COMPONENT
                ? standard.isKnownComponent(classCode)
                : standard.isKnownEvent(classCode))
        .isFalse();
    assertThatThrownBy(() -> standard.require(kind, classCode))
        .isInstanceOf(NoSuchElementException.class)
        .hasMessageContaining(code);
  }

  @Test
  void unknownComponentCodeIsNotKnown() {
    ComponentCode code = ComponentCode.parse("3205089901000001");

    assertThat(standard.component(code)).isEmpty();
    assertThatThrownBy(() -> standard.requireComponent(code)).hasMessageContaining("9901");
  }

  @Test
  void manholeCoversAreExactlyTheCoverClasses() {
    List<String> covers =
        standard.all(ClassKind.COMPONENT).stream()
            .filter(ClassDefinition::manholeCover)
            .map(d -> d.code().code())
            .toList();

    assertThat(covers)
        .containsExactly(
            "0101", "0102", "0103", "0104", "0105", "0106", "0107", "0108", "0109", "0110", "0111",
            "0112", "0114", "0127");
  }

  @ParameterizedTest(name = "{0}: accuracy {1}")
  @CsvSource({"0101, A", "0118, A", "0305, B", "0124, B", "0205, C", "0201, C"})
  void componentsCarryTheirAccuracyClass(String code, AccuracyClass accuracy) {
    assertThat(standard.requireComponent(ClassCode.parse(code)).accuracy()).isEqualTo(accuracy);
  }

  @Test
  void trafficSignalIs0214AndNotesTheDisagreement() {
    ClassDefinition signal = standard.requireComponent(ClassCode.parse("0214"));

    assertThat(signal.zhName()).isEqualTo("交通信号灯");
    assertThat(signal.note()).contains("0210");
  }

  @Test
  void listsMajorsAndMinorsByCode() {
    assertThat(standard.majors(ClassKind.COMPONENT))
        .extracting(d -> d.code().code() + " " + d.zhName())
        .containsExactly("01 公用设施", "02 道路交通", "03 市容环境", "04 园林绿化", "05 房屋土地", "06 其他设施");
    assertThat(standard.majors(ClassKind.EVENT))
        .extracting(d -> d.code().code())
        .containsExactly("01", "02", "03", "04", "05");
    assertThat(standard.minors(ClassKind.COMPONENT, "04"))
        .extracting(d -> d.code().code())
        .containsExactly("0401", "0402", "0405", "0407");
    assertThat(standard.minors(ClassKind.EVENT, "04"))
        .extracting(d -> d.code().code())
        .containsExactly("0401", "0404", "0406");
    assertThat(standard.minors(ClassKind.COMPONENT, "06")).isEmpty();
    assertThatThrownBy(() -> standard.minors(ClassKind.COMPONENT, "0401"))
        .hasMessageContaining("0401");
  }

  @Test
  void extendsWithALocalMajor21WithoutChangingTheStandard() throws Exception {
    ClassCatalogue local;
    try (Reader r = resource("local-major-21.csv")) {
      local = standard.withExtra(r, "local-major-21.csv");
    }

    assertThat(local.requireComponent(ComponentCode.parse("3205092101000042")).zhName())
        .isEqualTo("智能垃圾桶");
    assertThat(local.minors(ClassKind.COMPONENT, "21"))
        .extracting(d -> d.code().code())
        .containsExactly("2101", "2102");
    assertThat(local.requireComponent(ClassCode.parse("2102")).manholeCover()).isTrue();
    assertThat(local.requireComponent(ClassCode.parse("0210")).zhName()).isEqualTo("交通信号灯");
    assertThat(local.requireComponent(ClassCode.parse("0118")).enName())
        .isEqualTo("Street lamp (LED)");
    assertThat(local.requireComponent(ClassCode.parse("0101")).zhName()).isEqualTo("上水井盖");
    assertThat(local.all(ClassKind.EVENT)).isEqualTo(standard.all(ClassKind.EVENT));

    assertThat(standard.isKnownComponent(ClassCode.parse("2101"))).isFalse();
    assertThat(standard.requireComponent(ClassCode.parse("0118")).enName())
        .isEqualTo("Street lamp");
  }

  @Test
  void aMinorClassNeedsItsMajorClass() {
    String csv = HEADER + "component,2201,22,本地设施,Local facility,B,no,\n";

    assertThatThrownBy(() -> standard.withExtra(new StringReader(csv), "local.csv"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("local.csv line 2")
        .hasMessageContaining("2201")
        .hasMessageContaining("major class 22");
  }

  @Test
  void loadsAStandaloneCatalogue() {
    String csv =
        HEADER
            + "event,09,09,本地事件,Local events,,,\n"
            + "event,0901,09,\"占道经营, 夜市\",\"Street vending, night market\",,,\n";

    ClassCatalogue catalogue = ClassCatalogue.load(new StringReader(csv));

    assertThat(catalogue.requireEvent(ClassCode.parse("0901")).zhName()).isEqualTo("占道经营, 夜市");
    assertThat(catalogue.all(ClassKind.COMPONENT)).isEmpty();
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "component,0101,01,上水井盖,Water supply manhole cover,A                 | 6 fields",
        "thing,0101,01,上水井盖,Water supply manhole cover,A,yes,             | 'thing'",
        "component,01x1,01,上水井盖,Water supply manhole cover,A,yes,         | '01x1'",
        "component,010,01,上水井盖,Water supply manhole cover,A,yes,          | '010'",
        "component,0101,02,上水井盖,Water supply manhole cover,A,yes,         | major '02'",
        "component,0101,01,上水井盖,Water supply manhole cover,D,yes,         | 'D'",
        "component,0101,01,,Water supply manhole cover,A,yes,                 | Chinese name",
        "component,0101,01,上水井盖,,A,yes,                                   | English name",
        "component,0101,01,上水井盖,Water supply manhole cover,A,maybe,       | 'maybe'",
        "event,0102,01,暴露垃圾,Exposed garbage,A,,                           | accuracy",
        "event,0102,01,暴露垃圾,Exposed garbage,,yes,                         | manhole cover",
        "component,0101,01,上水井盖,Water supply manhole cover,A,yes,\"open   | unclosed quote",
      })
  void malformedRowsAreRejectedWithTheirLineNumber(String row, String fragment) {
    String csv = HEADER + "# local classes\n" + "component,01,01,公用设施,Public utilities,,,\n" + row;

    assertThatThrownBy(() -> ClassCatalogue.load(new StringReader(csv), "bad.csv"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bad.csv line 4")
        .hasMessageContaining(fragment.strip());
  }

  @Test
  void aCodeGivenTwiceIsRejectedNamingBothLines() {
    String csv =
        HEADER
            + "component,21,21,本地设施,Local facilities,,,\n"
            + "component,21,21,本地设施,Local facilities,,,\n";

    assertThatThrownBy(() -> standard.withExtra(new StringReader(csv), "twice.csv"))
        .hasMessageContaining("twice.csv line 3")
        .hasMessageContaining("already on line 2");
  }

  @Test
  void aHeaderWithoutTheColumnsIsRejected() {
    assertThatThrownBy(() -> ClassCatalogue.load(new StringReader("kind,code\n"), "short.csv"))
        .hasMessageContaining("short.csv line 1")
        .hasMessageContaining("major");
  }

  @Test
  void listsAreImmutable() {
    List<ClassDefinition> all = standard.all(ClassKind.COMPONENT);

    assertThatThrownBy(() -> all.remove(0)).isInstanceOf(UnsupportedOperationException.class);
  }

  private Reader resource(String name) {
    return new InputStreamReader(getClass().getResourceAsStream(name), StandardCharsets.UTF_8);
  }
}
