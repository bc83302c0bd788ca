package dev.stratus.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.NoSuchHostedZoneException;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * kill -9 while clients create and delete resources: every change Stratus acknowledged (a 200
 * came back) is in the ledger, and after each restart every ledger entry must be there (and every
 * acknowledged delete must stay deleted). Changes in flight at the kill may land either way.
 */
class KillNineLedgerIT {

  /** An acknowledged Route 53 zone with the TXT records acknowledged in it. */
  record Zone(String id, String name, Set<String> records) {}

  private final Map<String, Zone> zones = new ConcurrentHashMap<>();
  private final Set<String> deletedZones = ConcurrentHashMap.newKeySet();
  private final Map<String, String> vpcs = new ConcurrentHashMap<>();
  private final Map<String, String> groups = new ConcurrentHashMap<>(); // group id -> tag value
  private final AtomicInteger acknowledged = new AtomicInteger();
  private final AtomicInteger failedInFlight = new AtomicInteger();
  /** Zones a delete was sent for, acknowledged or not. */
  private final Set<String> deleting = ConcurrentHashMap.newKeySet();
  private final AtomicInteger cutOffDeletes = new AtomicInteger();

  @Test
  void kill9Loop_everyAcknowledgedChangeSurvives() throws Exception {
    Mode mode = Mode.current();
    Path work = Path.of("target", "reliability", "kill9-" + System.nanoTime());
    Path data = work.resolve("data");
    Random random = new Random(42);
    List<Long> restartMillis = new ArrayList<>();
    List<Long> selfReported = new ArrayList<>();
    int lost = 0;
    for (int cycle = 0; cycle <= mode.kills(); cycle++) {
      long t0 = System.nanoTime();
      StratusChild stratus = StratusChild.start(work, data);
      restartMillis.add((System.nanoTime() - t0) / 1_000_000);
      selfReported.add(stratus.startedMillis());
      try {
        lost += verify(stratus);
        if (cycle == mode.kills()) {
          stratus.close();
          break;
        }
        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> writers = new CopyOnWriteArrayList<>();
        for (int w = 0; w < 3; w++) {
          int writer = w;
          writers.add(Thread.ofVirtual().start(() -> write(stratus, writer, random.nextLong(), running)));
        }
        // Kill mid-stream: once this cycle has some acknowledged changes (the first calls of a
        // fresh JVM are slow), after a random further moment.
        int before = acknowledged.get();
        long waitUntil = System.nanoTime() + 30_000_000_000L;
        while (acknowledged.get() - before < 4 && System.nanoTime() < waitUntil) {
          Thread.sleep(20);
        }
        Thread.sleep(random.nextInt(500));
        stratus.kill();
        running.set(false);
        for (Thread t : writers) {
          t.join(30_000);
        }
      } finally {
        if (stratus.alive()) {
          stratus.kill();
        }
      }
    }
    new Figures("kill9-ledger").put("kills", mode.kills()).put("acknowledged", acknowledged.get())
        .put("zones", zones.size()).put("records", zones.values().stream().mapToInt(z -> z.records().size()).sum())
        .put("deletedZones", deletedZones.size()).put("vpcs", vpcs.size()).put("securityGroups", groups.size())
        .put("inFlightFailures", failedInFlight.get()).put("cutOffDeletesCommitted", cutOffDeletes.get()).put("lost", lost)
        .put("restartMsMax", restartMillis.stream().mapToLong(Long::longValue).max().orElse(0))
        .put("startedInMs", selfReported.toString().replace(' ', '_')).put("restartMsMedian", restartMillis.stream().sorted().toList().get(restartMillis.size() / 2)).report();
    assertThat(acknowledged.get()).as("the writers got changes acknowledged").isGreaterThan(mode.kills());
    assertThat(lost).as("acknowledged changes missing after kill -9").isZero();
  }

  /** Creates zones, TXT records, VPCs, tagged security groups and deletes zones until the kill. */
  private void write(StratusChild stratus, int writer, long seed, AtomicBoolean running) {
    Random random = new Random(seed);
    try (Route53Client r53 = stratus.client(Route53Client.builder()); Ec2Client ec2 = stratus.client(Ec2Client.builder())) {
      int n = 0;
      while (running.get()) {
        String tag = "w" + writer + "-" + seed + "-" + n++;
        try {
          switch (random.nextInt(5)) {
            case 0 -> {
              String name = tag + ".ledger.example.com.";
              String id = r53.createHostedZone(b -> b.name(name).callerReference(tag)).hostedZone().id();
              zones.put(id, new Zone(id, name, ConcurrentHashMap.newKeySet()));
            }
            case 1, 2 -> {
              List<Zone> open = zones.values().stream()
                  .filter(z -> z.name().startsWith("w" + writer + "-") && !deletedZones.contains(z.id())).toList();
              if (open.isEmpty()) {
                continue;
              }
              Zone z = open.get(random.nextInt(open.size()));
              String record = tag + "." + z.name();
              r53.changeResourceRecordSets(b -> b.hostedZoneId(z.id()).changeBatch(cb -> cb.changes(c -> c
                  .action(ChangeAction.CREATE).resourceRecordSet(s -> s.name(record).type(RRType.TXT).ttl(60L)
                      .resourceRecords(rr -> rr.value("\"" + tag + "\""))))));
              z.records().add(record);
            }
            case 3 -> {
              String vpc = ec2.createVpc(b -> b.cidrBlock("10." + random.nextInt(256) + ".0.0/16")).vpc().vpcId();
              vpcs.put(vpc, tag);
              String sg = ec2.createSecurityGroup(b -> b.vpcId(vpc).groupName(tag).description("ledger " + tag)
                  .tagSpecifications(ts -> ts.resourceType("security-group").tags(t -> t.key("ledger").value(tag))))
                  .groupId();
              groups.put(sg, tag);
            }
            default -> {
              List<Zone> empty = zones.values().stream().filter(z -> z.name().startsWith("w" + writer + "-"))
                  .filter(z -> z.records().isEmpty() && !deletedZones.contains(z.id())).toList();
              if (empty.isEmpty()) {
                continue;
              }
              Zone z = empty.get(random.nextInt(empty.size()));
              deleting.add(z.id()); // a delete the kill cuts off may still have been committed
              r53.deleteHostedZone(b -> b.id(z.id()));
              deletedZones.add(z.id());
            }
          }
          acknowledged.incrementAndGet();
        } catch (RuntimeException e) {
          if (running.get() && stratus.alive()) {
            throw e; // an error while Stratus is up is a finding, not a kill casualty
          }
          failedInFlight.incrementAndGet();
        }
      }
    }
  }

  /** The number of acknowledged changes that are not there. */
  private int verify(StratusChild stratus) {
    int missing = 0;
    try (Route53Client r53 = stratus.client(Route53Client.builder()); Ec2Client ec2 = stratus.client(Ec2Client.builder())) {
      for (Zone z : zones.values()) {
        if (deletedZones.contains(z.id())) {
          try {
            r53.getHostedZone(b -> b.id(z.id()));
            missing++; // an acknowledged delete came back
          } catch (NoSuchHostedZoneException expected) {
            // still deleted
          }
          continue;
        }
        try {
          r53.getHostedZone(b -> b.id(z.id()));
        } catch (NoSuchHostedZoneException e) {
          if (deleting.contains(z.id())) {
            deletedZones.add(z.id()); // its delete was sent and committed, the kill only cut off the answer
            cutOffDeletes.incrementAndGet();
          } else {
            missing += 1 + z.records().size();
          }
          continue;
        }
        Set<String> present = r53.listResourceRecordSetsPaginator(b -> b.hostedZoneId(z.id())).resourceRecordSets()
            .stream().map(ResourceRecordSet::name).collect(Collectors.toSet());
        for (String r : z.records()) {
          if (!present.contains(r)) {
            missing++;
          }
        }
      }
      Set<String> vpcIds = ec2.describeVpcsPaginator(b -> { }).vpcs().stream()
          .map(software.amazon.awssdk.services.ec2.model.Vpc::vpcId).collect(Collectors.toSet());
      missing += (int) vpcs.keySet().stream().filter(v -> !vpcIds.contains(v)).count();
      Map<String, SecurityGroup> sgs = ec2.describeSecurityGroupsPaginator(b -> { }).securityGroups().stream()
          .collect(Collectors.toMap(SecurityGroup::groupId, g -> g));
      for (Map.Entry<String, String> g : groups.entrySet()) {
        SecurityGroup sg = sgs.get(g.getKey());
        if (sg == null || sg.tags().stream().noneMatch(t -> t.key().equals("ledger") && t.value().equals(g.getValue()))) {
          missing++;
        }
      }
    }
    return missing;
  }
}
