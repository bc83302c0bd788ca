package dev.stratus.ec2.routing;

import dev.stratus.core.store.Transaction;
import dev.stratus.ec2.Ec2Tables;
import dev.stratus.ec2.model.RouteTable;

/**
 * Keeps route states in step with their targets: a route whose target is deleted or detached
 * stays in its table as {@code blackhole} (vpc.md §11) and becomes {@code active} again if the
 * target comes back (an internet gateway re-attached).
 */
public final class RouteStates {
  private RouteStates() {}

  /** Sets the state of every route in the scope whose target id is {@code targetId}. */
  public static void setState(Transaction tx, String scope, String targetId, RouteTable.State state) {
    setState(tx, scope, targetId, state, null);
  }

  /** As {@link #setState(Transaction, String, String, RouteTable.State)}, limited to one VPC's tables when {@code vpcId} is set. */
  public static void setState(Transaction tx, String scope, String targetId, RouteTable.State state, String vpcId) {
    for (RouteTable t : tx.list(Ec2Tables.ROUTE_TABLE, scope)) {
      if (vpcId != null && !t.vpcId().equals(vpcId)) continue;
      if (t.routes().stream().noneMatch(r -> r.target().id().equals(targetId))) continue;
      tx.put(Ec2Tables.ROUTE_TABLE, scope, t.id(), t.mapRoutes(r -> r.target().id().equals(targetId)
          ? r.withState(state) : r));
    }
  }

  /** Removes every route whose target id is {@code targetId} (gateway endpoints take their routes with them). */
  public static void remove(Transaction tx, String scope, String targetId) {
    for (RouteTable t : tx.list(Ec2Tables.ROUTE_TABLE, scope)) {
      if (t.routes().stream().noneMatch(r -> r.target().id().equals(targetId))) continue;
      tx.put(Ec2Tables.ROUTE_TABLE, scope, t.id(),
          t.withRoutes(t.routes().stream().filter(r -> !r.target().id().equals(targetId)).toList()));
    }
  }
}
