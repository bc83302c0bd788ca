package dev.stratus.net.emulation.handshake;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * The netlink messages of the kernel's packet queue (linux/netfilter/nfnetlink_queue.h, the
 * layout libnetfilter_queue writes): the queue's configuration, a verdict, and reading what the
 * kernel sends (queued packets, acknowledgements). Netlink headers are in the host's byte order
 * (little-endian on the machines Stratus runs on); nfnetlink's own fields are big-endian.
 */
final class NfqMessages {
  static final int NETLINK_NETFILTER = 12;
  private static final int NFNL_SUBSYS_QUEUE = 3;
  private static final int NFQNL_MSG_PACKET = 0;
  private static final int NFQNL_MSG_VERDICT = 1;
  private static final int NFQNL_MSG_CONFIG = 2;
  private static final int NLMSG_ERROR = 2;
  private static final int NLM_F_REQUEST = 1;
  private static final int NLM_F_ACK = 4;
  private static final int NFQA_CFG_CMD = 1;
  private static final int NFQA_CFG_PARAMS = 2;
  private static final int NFQA_CFG_MASK = 4;
  private static final int NFQA_CFG_FLAGS = 5;
  private static final int NFQNL_CFG_CMD_BIND = 1;
  private static final int NFQNL_COPY_PACKET = 2;
  private static final int NFQA_CFG_F_FAIL_OPEN = 1; // a full queue accepts rather than drops
  private static final int NFQA_PACKET_HDR = 1;
  private static final int NFQA_VERDICT_HDR = 2;
  private static final int NFQA_PAYLOAD = 10;
  private static final int NF_ACCEPT = 1;
  private static final int HEADERS = 16 + 4; // nlmsghdr, nfgenmsg

  /** What one read from the socket held. */
  record Received(List<QueuedPacket> packets, List<Integer> errors) {}

  private NfqMessages() {}

  /** Binds this socket to queue {@code queue}, copying the first {@code copyRange} bytes of each packet; acknowledged. */
  static byte[] bind(int queue, int copyRange, int seq) {
    ByteBuffer b = message(NFQNL_MSG_CONFIG, NLM_F_REQUEST | NLM_F_ACK, queue, seq, 8 + 12 + 8 + 8);
    attribute(b, NFQA_CFG_CMD, 4);
    b.put((byte) NFQNL_CFG_CMD_BIND).put((byte) 0).order(ByteOrder.BIG_ENDIAN).putShort((short) 0);
    attribute(b, NFQA_CFG_PARAMS, 5); // nfqnl_msg_config_params is packed: 5 bytes, padded to 8
    b.order(ByteOrder.BIG_ENDIAN).putInt(copyRange).put((byte) NFQNL_COPY_PACKET).put(new byte[3]);
    attribute(b, NFQA_CFG_MASK, 4);
    b.order(ByteOrder.BIG_ENDIAN).putInt(NFQA_CFG_F_FAIL_OPEN);
    attribute(b, NFQA_CFG_FLAGS, 4);
    b.order(ByteOrder.BIG_ENDIAN).putInt(NFQA_CFG_F_FAIL_OPEN);
    return b.array();
  }

  /** Lets packet {@code id} of queue {@code queue} go on. */
  static byte[] accept(int queue, int id, int seq) {
    ByteBuffer b = message(NFQNL_MSG_VERDICT, NLM_F_REQUEST, queue, seq, 4 + 8);
    attribute(b, NFQA_VERDICT_HDR, 8);
    b.order(ByteOrder.BIG_ENDIAN).putInt(NF_ACCEPT).putInt(id);
    return b.array();
  }

  private static ByteBuffer message(int type, int flags, int queue, int seq, int attributes) {
    int length = HEADERS + attributes;
    ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.nativeOrder());
    b.putInt(length).putShort((short) (NFNL_SUBSYS_QUEUE << 8 | type)).putShort((short) flags).putInt(seq).putInt(0);
    b.put((byte) 0).put((byte) 0).order(ByteOrder.BIG_ENDIAN).putShort((short) queue); // AF_UNSPEC, NFNETLINK_V0, res_id
    return b;
  }

  private static void attribute(ByteBuffer b, int type, int payload) {
    b.order(ByteOrder.nativeOrder()).putShort((short) (4 + payload)).putShort((short) type);
  }

  /** The messages in {@code n} bytes read from the socket. */
  static Received read(byte[] buffer, int n) {
    ByteBuffer b = ByteBuffer.wrap(buffer, 0, n).order(ByteOrder.nativeOrder());
    List<QueuedPacket> packets = new ArrayList<>();
    List<Integer> errors = new ArrayList<>();
    int at = 0;
    while (at + 16 <= n) {
      int length = b.getInt(at);
      int type = b.getShort(at + 4) & 0xffff;
      if (length < 16 || at + length > n) break;
      if (type == NLMSG_ERROR) {
        errors.add(-b.getInt(at + 16)); // 0: an acknowledgement; else an errno
      } else if (type == (NFNL_SUBSYS_QUEUE << 8 | NFQNL_MSG_PACKET)) {
        packet(buffer, at, length).ifPresent(packets::add);
      }
      at += align(length);
    }
    return new Received(packets, errors);
  }

  private static java.util.Optional<QueuedPacket> packet(byte[] buffer, int start, int length) {
    ByteBuffer b = ByteBuffer.wrap(buffer).order(ByteOrder.nativeOrder());
    Integer id = null;
    byte[] payload = null;
    int at = start + HEADERS;
    int end = start + length;
    while (at + 4 <= end) {
      int attrLength = b.getShort(at) & 0xffff;
      int type = b.getShort(at + 2) & 0x3fff; // without NLA_F_NESTED and NLA_F_NET_BYTEORDER
      if (attrLength < 4 || at + attrLength > end) break;
      if (type == NFQA_PACKET_HDR && attrLength >= 8) {
        id = b.order(ByteOrder.BIG_ENDIAN).getInt(at + 4);
        b.order(ByteOrder.nativeOrder());
      } else if (type == NFQA_PAYLOAD) {
        payload = java.util.Arrays.copyOfRange(buffer, at + 4, at + attrLength);
      }
      at += align(attrLength);
    }
    return id == null ? java.util.Optional.empty() : java.util.Optional.of(new QueuedPacket(id, payload == null ? new byte[0] : payload));
  }

  private static int align(int length) {
    return (length + 3) & ~3;
  }
}
