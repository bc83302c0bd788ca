package dev.stratus.net.emulation.handshake;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** The queue's netlink messages byte by byte, as nfnetlink_queue.h lays them out. */
class NfqMessagesTest {
  private static final ByteOrder HOST = ByteOrder.nativeOrder();

  @Test
  void aVerdict_isAVerdictHeaderWithTheQueueBigEndian() {
    ByteBuffer b = ByteBuffer.wrap(NfqMessages.accept(21_300, 0x01020304, 9)).order(HOST);
    assertThat(b.capacity()).isEqualTo(32);
    assertThat(b.getInt(0)).isEqualTo(32); // nlmsg_len
    assertThat(b.getShort(4)).isEqualTo((short) (3 << 8 | 1)); // NFNL_SUBSYS_QUEUE, NFQNL_MSG_VERDICT
    assertThat(b.getShort(6)).isEqualTo((short) 1); // NLM_F_REQUEST
    assertThat(b.getInt(8)).isEqualTo(9);
    assertThat(b.order(ByteOrder.BIG_ENDIAN).getShort(18)).isEqualTo((short) 21_300); // res_id
    assertThat(b.order(HOST).getShort(20)).isEqualTo((short) 12); // nla_len
    assertThat(b.getShort(22)).isEqualTo((short) 2); // NFQA_VERDICT_HDR
    assertThat(b.order(ByteOrder.BIG_ENDIAN).getInt(24)).isEqualTo(1); // NF_ACCEPT
    assertThat(b.getInt(28)).isEqualTo(0x01020304);
  }

  @Test
  void theBind_asksForAnAckAndCopiesPackets() {
    ByteBuffer b = ByteBuffer.wrap(NfqMessages.bind(7, 64, 1)).order(HOST);
    assertThat(b.getInt(0)).isEqualTo(b.capacity()).isEqualTo(56);
    assertThat(b.getShort(6)).isEqualTo((short) 5); // NLM_F_REQUEST | NLM_F_ACK
    assertThat(b.getShort(20)).isEqualTo((short) 8); // NFQA_CFG_CMD
    assertThat(b.get(24)).isEqualTo((byte) 1); // NFQNL_CFG_CMD_BIND
    assertThat(b.getShort(28)).isEqualTo((short) 9); // NFQA_CFG_PARAMS: packed, 5 bytes
    assertThat(b.getShort(30)).isEqualTo((short) 2);
    assertThat(b.order(ByteOrder.BIG_ENDIAN).getInt(32)).isEqualTo(64);
    assertThat(b.get(36)).isEqualTo((byte) 2); // NFQNL_COPY_PACKET
  }

  @Test
  void aQueuedSyn_givesItsIdAndBothEnds() {
    byte[] ip = new byte[24];
    ip[0] = 0x45; // IPv4, 20-byte header
    ip[9] = 6; // TCP
    System.arraycopy(new byte[] {127, 61, 0, 1}, 0, ip, 12, 4);
    System.arraycopy(new byte[] {127, 0, 93, 1}, 0, ip, 16, 4);
    ip[20] = (byte) 0xc3; ip[21] = 0x50; // 50000
    ip[22] = 0x00; ip[23] = 0x50; // 80
    ByteBuffer m = ByteBuffer.allocate(20 + 12 + 4 + ip.length).order(HOST);
    m.putInt(m.capacity()).putShort((short) (3 << 8)).putShort((short) 0).putInt(0).putInt(0).putInt(0);
    m.putShort((short) 11).putShort((short) 1).order(ByteOrder.BIG_ENDIAN).putInt(42).putShort((short) 0x0800).put((byte) 3).put((byte) 0);
    m.order(HOST).putShort((short) (4 + ip.length)).putShort((short) 10).put(ip);
    var got = NfqMessages.read(m.array(), m.capacity());
    assertThat(got.packets()).hasSize(1);
    QueuedPacket p = got.packets().getFirst();
    assertThat(p.id()).isEqualTo(42);
    assertThat(p.ends()).contains(new QueuedPacket.Ends(new InetSocketAddress("127.61.0.1", 50_000),
        new InetSocketAddress("127.0.93.1", 80)));
  }

  @Test
  void anAcknowledgement_isAnErrorOfZero_andARefusalItsErrno() {
    ByteBuffer m = ByteBuffer.allocate(36 * 2).order(HOST);
    for (int errno : new int[] {0, 1}) {
      m.putInt(36).putShort((short) 2).putShort((short) 0).putInt(1).putInt(0).putInt(-errno).put(new byte[16]);
    }
    assertThat(NfqMessages.read(m.array(), m.capacity()).errors()).containsExactly(0, 1);
  }
}
