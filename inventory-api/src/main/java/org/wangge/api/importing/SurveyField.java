package org.wangge.api.importing;

import java.util.List;
import java.util.Locale;

/**
 * The component attributes of a survey file (CJ/T 214 exchange names), with the Chinese headers
 * survey teams use. Names match in any letter case, ignoring spaces, '_' and '-'.
 */
enum SurveyField {
  OBJ_ID("ObjID", "部件标识码", "部件编码", "部件代码", "标识码", "code"),
  OBJ_NAME("ObjName", "部件名称", "名称", "name"),
  CLASS_CODE("ClassCode", "部件类别", "部件类型代码", "小类代码", "类别代码", "class"),
  DEPT_CODE1("DeptCode1", "主管部门代码", "主管部门编码"),
  DEPT_NAME1("DeptName1", "主管部门名称", "主管部门"),
  DEPT_CODE2("DeptCode2", "权属单位代码", "权属单位编码"),
  DEPT_NAME2("DeptName2", "权属单位名称", "权属单位"),
  DEPT_CODE3("DeptCode3", "养护单位代码", "养护单位编码"),
  DEPT_NAME3("DeptName3", "养护单位名称", "养护单位"),
  BGID("BGID", "所在单元网格", "单元网格编码", "单元网格", "网格编码"),
  OBJ_STATE("ObjState", "部件状态", "状态", "state"),
  OR_DATE("ORDate", "初始日期", "建档日期", "普查日期"),
  CH_DATE("CHDate", "变更日期", "更新日期"),
  DATA_SOURCE("DataSource", "数据来源"),
  NOTE("Note", "备注");

  private final List<String> names;

  SurveyField(String... names) {
    this.names = List.of(names);
  }

  String standardName() {
    return names.get(0);
  }

  boolean matches(String header) {
    String h = normalise(header);
    for (String n : names) {
      if (normalise(n).equals(h)) {
        return true;
      }
    }
    return false;
  }

  static String normalise(String s) {
    return s == null
        ? ""
        : s.strip().replace(" ", "").replace("_", "").replace("-", "").toLowerCase(Locale.ROOT);
  }
}
