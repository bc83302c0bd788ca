package dev.stratus.ec2;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratus.core.RequestContext;
import dev.stratus.core.store.ChangeEvent;
import dev.stratus.core.store.SqlStore;
import dev.stratus.core.store.Store;
import dev.stratus.core.store.Table;
import dev.stratus.ec2.model.TransitGatewayRouteTable;
import dev.stratus.ec2.transit.TgwRouteTables;
import dev.stratus.ec2.transit.TransitGatewayOperations;
import dev.stratus.ec2.transit.TransitGatewayRouteTableOperations;
import dev.stratus.ec2.vpc.SubnetOperations;
import dev.stratus.ec2.vpc.VpcOperations;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.model.*;

/**
 * A transit gateway route table's propagations, static routes and associations are rows of their
 * own: a write costs the rows it changes, whatever the table holds; and a table stored by the
 * build before (schema 1, every list inline in one row) reads the same, then moves to rows on its
 * first write.
 */
class TgwRouteTableRowsTest {
  private final Clock clock = Clock.fixed(Instant.parse("2026-12-07T08:00:00Z"), ZoneOffset.UTC);
  private final RequestContext ctx = new RequestContext("123456789012", "us-east-1", "req-1", clock.instant());
  private final String scope = ctx.regionalScope();
  /** The table as the build before declared it. */
  private static final Table<TransitGatewayRouteTable> SCHEMA_1 =
      Table.of("ec2.tgw_route_table", TransitGatewayRouteTable.class, 1);

  /** The EC2 handlers a test needs, over one store. */
  private final class Api {
    final Ec2Store store;
    final VpcOperations vpcs;
    final SubnetOperations subnets;
    final TransitGatewayOperations tgws;
    final TransitGatewayRouteTableOperations tables;

    Api(Store raw) {
      store = new Ec2Store(raw, clock);
      vpcs = new VpcOperations(store);
      subnets = new SubnetOperations(store);
      tgws = new TransitGatewayOperations(store);
      tables = new TransitGatewayRouteTableOperations(store);
    }

    String tgw() {
      return tgws.createTransitGateway(ctx, CreateTransitGatewayRequest.builder().options(TransitGatewayRequestOptions
          .builder().defaultRouteTableAssociation("disable").defaultRouteTablePropagation("disable").build()).build())
          .transitGateway().transitGatewayId();
    }

    String attachVpc(String tgw, int n) {
      String vpc = vpcs.createVpc(ctx, CreateVpcRequest.builder().cidrBlock("10." + n + ".0.0/16").build()).vpc().vpcId();
      String subnet = subnets.createSubnet(ctx, CreateSubnetRequest.builder().vpcId(vpc).cidrBlock("10." + n + ".1.0/24")
          .build()).subnet().subnetId();
      return tgws.createTransitGatewayVpcAttachment(ctx, CreateTransitGatewayVpcAttachmentRequest.builder()
          .transitGatewayId(tgw).vpcId(vpc).subnetIds(subnet).build()).transitGatewayVpcAttachment()
          .transitGatewayAttachmentId();
    }

    String table(String tgw) {
      return tables.createTransitGatewayRouteTable(ctx, CreateTransitGatewayRouteTableRequest.builder().transitGatewayId(tgw)
          .build()).transitGatewayRouteTable().transitGatewayRouteTableId();
    }

    void propagate(String rtb, String att) {
      tables.enableTransitGatewayRouteTablePropagation(ctx, EnableTransitGatewayRouteTablePropagationRequest.builder()
          .transitGatewayRouteTableId(rtb).transitGatewayAttachmentId(att).build());
    }

    void associate(String rtb, String att) {
      tables.associateTransitGatewayRouteTable(ctx, AssociateTransitGatewayRouteTableRequest.builder()
          .transitGatewayRouteTableId(rtb).transitGatewayAttachmentId(att).build());
    }

    /** What a client sees of the table: routes, associations, propagations. */
    List<String> seen(String rtb) {
      List<String> out = new ArrayList<>();
      tables.searchTransitGatewayRoutes(ctx, SearchTransitGatewayRoutesRequest.builder().transitGatewayRouteTableId(rtb)
          .filters(Filter.builder().name("state").values("active", "blackhole").build()).build()).routes()
          .forEach(r -> out.add("route " + r.destinationCidrBlock() + " " + r.typeAsString() + " " + r.stateAsString() + " "
              + r.transitGatewayAttachments().stream().map(TransitGatewayRouteAttachment::transitGatewayAttachmentId).toList()));
      tables.getTransitGatewayRouteTableAssociations(ctx, GetTransitGatewayRouteTableAssociationsRequest.builder()
          .transitGatewayRouteTableId(rtb).build()).associations()
          .forEach(a -> out.add("association " + a.transitGatewayAttachmentId() + " " + a.state()));
      tables.getTransitGatewayRouteTablePropagations(ctx, GetTransitGatewayRouteTablePropagationsRequest.builder()
          .transitGatewayRouteTableId(rtb).build()).transitGatewayRouteTablePropagations()
          .forEach(p -> out.add("propagation " + p.transitGatewayAttachmentId() + " " + p.state()));
      out.sort(null);
      return out;
    }
  }

  @Test
  void enableAndAssociate_writeOneSmallRow_howeverManyVpcsTheTableHolds() {
    var memory = new dev.stratus.core.store.MemoryStore();
    Api api = new Api(memory);
    String tgw = api.tgw();
    String rtb = api.table(tgw);
    for (int n = 0; n < 40; n++) {
      String att = api.attachVpc(tgw, n);
      api.propagate(rtb, att);
    }
    String last = api.attachVpc(tgw, 200);
    List<ChangeEvent> changed = new ArrayList<>();
    memory.subscribe(changed::addAll);

    api.propagate(rtb, last);
    assertThat(changed).singleElement().satisfies(e -> {
      assertThat(e.table()).isEqualTo(Ec2Tables.TGW_PROPAGATION);
      assertThat(e.after()).contains(new TransitGatewayRouteTable.Propagation(rtb, last,
          List.of(dev.stratus.core.net.Cidr.parse("10.200.0.0/16"))));
    });
    changed.clear();
    api.associate(rtb, last);
    assertThat(changed).singleElement().satisfies(e -> assertThat(e.table()).isEqualTo(Ec2Tables.TGW_ATTACHMENT));
    changed.clear();
    api.tables.createTransitGatewayRoute(ctx, CreateTransitGatewayRouteRequest.builder().transitGatewayRouteTableId(rtb)
        .destinationCidrBlock("10.200.0.0/16").blackhole(true).build());
    assertThat(changed).singleElement().satisfies(e -> assertThat(e.table()).isEqualTo(Ec2Tables.TGW_STATIC_ROUTE));

    // the header row holds none of it, and the table reads whole
    var header = memory.get(Ec2Tables.TGW_ROUTE_TABLE, scope, rtb).orElseThrow();
    assertThat(header.isInline()).isFalse();
    var whole = TgwRouteTables.assemble(memory, scope, header);
    assertThat(whole.propagations()).hasSize(41);
    assertThat(whole.associations()).containsExactly(last);
    assertThat(whole.visibleRoutes()).hasSize(41)
        .filteredOn(r -> r.destination().toString().equals("10.200.0.0/16")).singleElement()
        .satisfies(r -> assertThat(r.isStatic()).isTrue());
  }

  @Test
  void schema1Table_readsTheSame_thenMovesToRowsOnItsFirstWrite(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("stratus.db");
    String rtb, a, b, c;
    List<String> before;
    TransitGatewayRouteTable inline;
    try (SqlStore sql = SqlStore.openFile(file)) {
      Api api = new Api(sql);
      String tgw = api.tgw();
      a = api.attachVpc(tgw, 0);
      b = api.attachVpc(tgw, 1);
      c = api.attachVpc(tgw, 2);
      rtb = api.table(tgw);
      api.associate(rtb, a);
      api.propagate(rtb, a);
      api.propagate(rtb, b);
      api.tables.createTransitGatewayRoute(ctx, CreateTransitGatewayRouteRequest.builder().transitGatewayRouteTableId(rtb)
          .destinationCidrBlock("10.1.0.0/16").transitGatewayAttachmentId(c).build());
      api.tables.createTransitGatewayRoute(ctx, CreateTransitGatewayRouteRequest.builder().transitGatewayRouteTableId(rtb)
          .destinationCidrBlock("10.9.0.0/16").blackhole(true).build());
      before = api.seen(rtb);
      inline = TgwRouteTables.assemble(sql, scope, sql.get(Ec2Tables.TGW_ROUTE_TABLE, scope, rtb).orElseThrow());
      // Store it as the build before did: one row with every list, no rows of its own.
      sql.write(tx -> {
        tx.listBy(Ec2Tables.TGW_PROPAGATION_BY_ROUTE_TABLE, scope, rtb).forEach(p ->
            tx.delete(Ec2Tables.TGW_PROPAGATION, scope, TransitGatewayRouteTable.Propagation.rowId(rtb, p.attachmentId())));
        tx.listBy(Ec2Tables.TGW_STATIC_ROUTE_BY_ROUTE_TABLE, scope, rtb).forEach(r ->
            tx.delete(Ec2Tables.TGW_STATIC_ROUTE, scope, r.rowId()));
        tx.put(SCHEMA_1, scope, rtb, inline);
        return null;
      });
    }
    assertThat(before).contains("route 10.0.0.0/16 propagated active [" + a + "]",
        "route 10.1.0.0/16 static active [" + c + "]", "route 10.9.0.0/16 static blackhole []",
        "association " + a + " associated", "propagation " + a + " enabled", "propagation " + b + " enabled");
    assertThat(row(file, rtb)).startsWith("1 ").contains("\"associations\":[\"" + a + "\"]", "\"propagations\":[\"");

    try (SqlStore sql = SqlStore.openFile(file)) {
      Api api = new Api(sql);
      assertThat(sql.get(Ec2Tables.TGW_ROUTE_TABLE, scope, rtb).orElseThrow().isInline()).isTrue();
      assertThat(api.seen(rtb)).isEqualTo(before);
      assertThat(NetworkSnapshot.of(sql, ctx.accountId()).transitGatewayRouteTables()).containsExactly(inline);

      // the first write moves the lists to rows, then changes one
      api.tables.disableTransitGatewayRouteTablePropagation(ctx, DisableTransitGatewayRouteTablePropagationRequest.builder()
          .transitGatewayRouteTableId(rtb).transitGatewayAttachmentId(b).build());
      List<String> expected = new ArrayList<>(before);
      expected.remove("propagation " + b + " enabled");
      assertThat(api.seen(rtb)).isEqualTo(expected);
      assertThat(sql.listBy(Ec2Tables.TGW_PROPAGATION_BY_ROUTE_TABLE, scope, rtb))
          .extracting(TransitGatewayRouteTable.Propagation::attachmentId).containsExactly(a);
      assertThat(sql.listBy(Ec2Tables.TGW_STATIC_ROUTE_BY_ROUTE_TABLE, scope, rtb)).hasSize(2);
    }
    assertThat(row(file, rtb)).startsWith("2 ").contains("\"routes\":[]", "\"associations\":[]", "\"propagations\":[]");

    try (SqlStore sql = SqlStore.openFile(file)) {
      Api api = new Api(sql);
      api.tables.deleteTransitGatewayRoute(ctx, DeleteTransitGatewayRouteRequest.builder().transitGatewayRouteTableId(rtb)
          .destinationCidrBlock("10.9.0.0/16").build());
      assertThat(api.seen(rtb)).containsExactly("association " + a + " associated", "propagation " + a + " enabled",
          "route 10.0.0.0/16 propagated active [" + a + "]", "route 10.1.0.0/16 static active [" + c + "]");
      Ec2Fixture.refused(() -> api.tables.deleteTransitGatewayRouteTable(ctx, DeleteTransitGatewayRouteTableRequest
          .builder().transitGatewayRouteTableId(rtb).build()), "IncorrectState");
    }
  }

  /** The stored row as "schema_version body". */
  private String row(Path file, String id) throws Exception {
    try (var c = DriverManager.getConnection("jdbc:sqlite:" + file);
        var st = c.prepareStatement("SELECT schema_version, body FROM resource WHERE table_name = ? AND id = ?")) {
      st.setString(1, Ec2Tables.TGW_ROUTE_TABLE.name());
      st.setString(2, id);
      try (var rs = st.executeQuery()) {
        assertThat(rs.next()).isTrue();
        return rs.getInt(1) + " " + rs.getString(2);
      }
    }
  }
}
