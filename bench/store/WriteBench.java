import dev.stratus.core.store.*;
import java.util.*;

/** Store writes into one scope of N rows (an EC2 Region at N/11 VPCs), ns per single-row write; see run.sh. */
public class WriteBench {
  public record Row(String id, String vpcId, String cidr, Map<String, String> tags) {}
  static final Table<Row> T = Table.of("ec2.subnet", Row.class);

  public static void main(String[] a) {
    for (int n : new int[] {5_500, 55_000}) {
      var store = new MemoryStore();
      store.write(tx -> { for (int i = 0; i < n; i++) tx.put(T, "123/eu-west-1", "subnet-" + i, new Row("subnet-" + i, "vpc-" + i / 11, "10.0.0.0/24", Map.of("Name", "x"))); return null; });
      long best = Long.MAX_VALUE;
      for (int round = 0; round < 5; round++) {
        long t0 = System.nanoTime();
        for (int i = 0; i < 2_000; i++) {
          int k = i;
          store.write(tx -> { tx.put(T, "123/eu-west-1", "new-" + k, new Row("new-" + k, "vpc-1", "10.0.1.0/24", Map.of())); return null; });
        }
        best = Math.min(best, (System.nanoTime() - t0) / 2_000);
      }
      System.out.printf("rows in scope %,d: %,d ns per write (best of 5 rounds of 2,000)%n", n, best);
    }
  }
}
