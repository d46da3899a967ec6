/**
 * Routing of cases to units (条块): the responsibility lists (两份清单) as {@link
 * org.wangge.geo.routing.RoutingRules} and the {@link org.wangge.geo.routing.Router} that applies
 * them to an {@link org.wangge.geo.routing.Incident}. The caller locates the incident's grid.
 */
package org.wangge.geo.routing;
