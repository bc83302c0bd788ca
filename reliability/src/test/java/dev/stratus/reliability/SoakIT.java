package dev.stratus.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.RRType;

/**
 * A steady mixed load (EC2 create/describe/delete, Route 53 UPSERTs, DNS over UDP and TCP) while
 * RSS and open descriptors are sampled every second: no errors, and descriptors do not leak.
 */
class SoakIT {

  private static boolean answers(StratusChild stratus) {
    try {
      SimpleResolver r = new SimpleResolver(InetAddress.getLoopbackAddress());
      r.setPort(stratus.dnsPort());
      r.setTimeout(Duration.ofSeconds(2));
      return r.send(Message.newQuery(Record.newRecord(Name.fromString("www.soak.example.com."), Type.A, DClass.IN)))
          .getRcode() == Rcode.NOERROR;
    } catch (Exception e) {
      return false;
    }
  }

  @Test
  void mixedLoad_noErrors_descriptorsDoNotGrow() throws Exception {
    Mode mode = Mode.current();
    StratusChild stratus = StratusChild.shared();
    String zone;
    try (Route53Client r53 = stratus.client(Route53Client.builder())) {
      zone = r53.createHostedZone(b -> b.name("soak.example.com").callerReference("soak-" + System.nanoTime())).hostedZone().id();
      r53.changeResourceRecordSets(b -> b.hostedZoneId(zone).changeBatch(cb -> cb.changes(c -> c
          .action(ChangeAction.UPSERT).resourceRecordSet(s -> s.name("www.soak.example.com").type(RRType.A)
              .ttl(60L).resourceRecords(rr -> rr.value("192.0.2.1"))))));
    }
    // Route 53 propagates a change within 60 s (GetChange INSYNC); wait for the DNS answer first
    // and report how long it took, rather than count the wait as errors.
    long propagationStart = System.nanoTime();
    long propagationMillis = -1;
    while (System.nanoTime() - propagationStart < 60_000_000_000L) {
      if (answers(stratus)) {
        propagationMillis = (System.nanoTime() - propagationStart) / 1_000_000;
        break;
      }
      Thread.sleep(100);
    }
    assertThat(propagationMillis).as("the record answers over DNS within 60 s").isNotNegative();
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicLong requests = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    List<String> firstErrors = new java.util.concurrent.CopyOnWriteArrayList<>();
    List<Thread> load = new ArrayList<>();
    load.add(Thread.ofVirtual().start(() -> {
      try (Ec2Client ec2 = stratus.client(Ec2Client.builder())) {
        while (running.get()) {
          String vpc = ec2.createVpc(b -> b.cidrBlock("10.1.0.0/16")).vpc().vpcId();
          String sg = ec2.createSecurityGroup(b -> b.vpcId(vpc).groupName("soak").description("soak")).groupId();
          ec2.describeSecurityGroups(b -> b.groupIds(sg));
          ec2.deleteSecurityGroup(b -> b.groupId(sg));
          ec2.deleteVpc(b -> b.vpcId(vpc));
          requests.addAndGet(5);
        }
      } catch (RuntimeException e) {
        errors.incrementAndGet();
        firstErrors.add("ec2: " + e);
      }
    }));
    load.add(Thread.ofVirtual().start(() -> {
      try (Route53Client r53 = stratus.client(Route53Client.builder())) {
        int n = 0;
        while (running.get()) {
          String value = "192.0.2." + (n++ % 250 + 1);
          r53.changeResourceRecordSets(b -> b.hostedZoneId(zone).changeBatch(cb -> cb.changes(c -> c
              .action(ChangeAction.UPSERT).resourceRecordSet(s -> s.name("www.soak.example.com").type(RRType.A)
                  .ttl(60L).resourceRecords(rr -> rr.value(value))))));
          requests.incrementAndGet();
        }
      } catch (RuntimeException e) {
        errors.incrementAndGet();
        firstErrors.add("route53: " + e);
      }
    }));
    for (boolean tcp : new boolean[] {false, true}) {
      load.add(Thread.ofVirtual().start(() -> {
        try {
          SimpleResolver r = new SimpleResolver(InetAddress.getLoopbackAddress());
          r.setPort(stratus.dnsPort());
          r.setTCP(tcp);
          r.setTimeout(Duration.ofSeconds(3));
          Message q = Message.newQuery(Record.newRecord(Name.fromString("www.soak.example.com."), Type.A, DClass.IN));
          while (running.get()) {
            Message m;
            try {
              m = r.send(q);
            } catch (java.io.IOException timeout) {
              m = r.send(q); // one retry, as a stub resolver would
            }
            requests.incrementAndGet();
            if (m.getRcode() != Rcode.NOERROR) {
              errors.incrementAndGet();
              firstErrors.add("dns " + (tcp ? "tcp" : "udp") + ": " + Rcode.string(m.getRcode()));
            }
          }
        } catch (Exception e) {
          errors.incrementAndGet();
          firstErrors.add("dns: " + e);
        }
      }));
    }
    Thread.sleep(2_000); // warm-up: classes loaded, pools filled
    long rssStart = stratus.rssKib();
    long fdsStart = stratus.openFds();
    long rssMax = rssStart;
    long fdsMax = fdsStart;
    long end = System.nanoTime() + mode.soak().toNanos();
    while (System.nanoTime() < end && errors.get() == 0) {
      Thread.sleep(1_000);
      rssMax = Math.max(rssMax, stratus.rssKib());
      fdsMax = Math.max(fdsMax, stratus.openFds());
    }
    running.set(false);
    for (Thread t : load) {
      t.join(30_000);
    }
    long fdsEnd = stratus.openFds();
    new Figures("soak").put("startMs", stratus.startedMillis()).put("propagationMs", propagationMillis)
        .put("seconds", mode.soak().toSeconds()).put("requests", requests.get())
        .put("errors", errors.get()).put("rssStartKiB", rssStart).put("rssMaxKiB", rssMax).put("rssEndKiB", stratus.rssKib())
        .put("fdsStart", fdsStart).put("fdsMax", fdsMax).put("fdsEnd", fdsEnd).report();
    assertThat(firstErrors).isEmpty();
    assertThat(errors.get()).isZero();
    assertThat(fdsEnd).as("descriptors after the soak").isLessThanOrEqualTo(fdsStart + 32);
    assertThat(stratus.alive()).isTrue();
  }
}
