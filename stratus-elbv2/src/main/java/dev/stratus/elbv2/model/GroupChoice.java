package dev.stratus.elbv2.model;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The target group a forward action sends one request to (elbv2.md §9): weight / sum of weights,
 * or the group named by a valid AWSALBTG cookie when group stickiness is on.
 *
 * @param setCookies the Set-Cookie values to add to the response (AWSALBTG and AWSALBTGCORS)
 */
public record GroupChoice(String targetGroupArn, List<String> setCookies) {

  public GroupChoice { setCookies = List.copyOf(setCookies); }

  /** Empty when every weight is 0 (nothing can receive the request: 503). */
  public static Optional<GroupChoice> choose(Action.Forward forward, RequestView request, RandomGenerator random,
      StickyCookies cookies, Instant now) {
    var groups = forward.targetGroups();
    String chosen = null;
    if (forward.stickinessEnabled()) {
      Optional<String> sticky = request.cookie(StickyCookies.GROUP).or(() -> request.cookie(StickyCookies.GROUP_CORS))
          .flatMap(v -> cookies.open(v, now));
      chosen = sticky.filter(arn -> groups.stream().anyMatch(g -> g.targetGroupArn().equals(arn) && g.weight() > 0)).orElse(null);
    }
    if (chosen == null) {
      int total = 0;
      for (var g : groups) total += g.weight();
      if (total == 0) return Optional.empty();
      int pick = random.nextInt(total);
      for (var g : groups) {
        pick -= g.weight();
        if (pick < 0) {
          chosen = g.targetGroupArn();
          break;
        }
      }
    }
    List<String> set = new ArrayList<>();
    if (forward.stickinessEnabled()) {
      Instant expires = now.plus(Duration.ofSeconds(forward.stickinessDurationSeconds()));
      String value = cookies.seal(chosen, expires);
      set.add(StickyCookies.setCookie(StickyCookies.GROUP, value, expires, false));
      set.add(StickyCookies.setCookie(StickyCookies.GROUP_CORS, value, expires, true));
    }
    return Optional.of(new GroupChoice(chosen, set));
  }
}
