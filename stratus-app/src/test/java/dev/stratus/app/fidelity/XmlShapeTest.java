package dev.stratus.app.fidelity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class XmlShapeTest {
  private static final String NS = " xmlns=\"https://route53.amazonaws.com/doc/2013-04-01/\"";

  @Test
  void differences_missingAndConstantValues_idsMapped() {
    var aws = new XmlShape("<R" + NS + "><!-- a comment --><HostedZone><Id>/hostedzone/ZEX</Id><Config>"
        + "<PrivateZone>false</PrivateZone></Config><Name>example.com.</Name></HostedZone>"
        + "<ChangeInfo><Status>INSYNC</Status></ChangeInfo></R>");
    var ours = new XmlShape("<R" + NS + "><HostedZone><Id>/hostedzone/ZOURS</Id><Config>"
        + "<PrivateZone>false</PrivateZone></Config></HostedZone><ChangeInfo><Status>PENDING</Status></ChangeInfo></R>");
    assertThat(aws.differences(ours, v -> v.equals("INSYNC") || v.equals("false"), Map.of("/hostedzone/ZEX", "/hostedzone/ZOURS")))
        .extracting(d -> d.path() + " " + d.kind())
        .containsExactlyInAnyOrder("HostedZone.Name missing", "ChangeInfo.Status value");
    assertThat(aws.differences(ours, v -> false, Map.of("/hostedzone/ZEX", "/hostedzone/OTHER")))
        .extracting(d -> d.path() + " " + d.kind())
        .contains("HostedZone.Id value");
  }

  @Test
  void extras_areTheTopmostElementsBeyondTheExample_andEmptyListsHideWhatIsBelow() {
    var aws = new XmlShape("<R><Set><Id>1</Id><Servers><Server>a</Server></Servers></Set></R>");
    var ours = new XmlShape("<R><Set><Id>2</Id><Servers/><Caller><Ref>x</Ref></Caller></Set><Other>1</Other></R>");
    assertThat(aws.extras(ours)).extracting(OutputShape.Difference::path).containsExactly("Set.Caller", "Other");
    // Servers is an empty list in Stratus's answer: nothing below it is missing
    assertThat(aws.differences(ours, v -> false, Map.of())).isEmpty();
  }

  @Test
  void notWellFormed_isRefused() {
    assertThatThrownBy(() -> new XmlShape("<R><Key>a<Key></R>")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not well-formed XML");
  }
}
