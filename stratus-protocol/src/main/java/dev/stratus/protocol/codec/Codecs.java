package dev.stratus.protocol.codec;

import dev.stratus.protocol.Protocol;
import java.util.EnumMap;
import java.util.Map;

/** The table that picks the codec of each wire protocol (LocalStack's create_parser). */
public final class Codecs {
  private final Map<Protocol, ProtocolCodec> codecs = new EnumMap<>(Protocol.class);

  public Codecs() {
    codecs.put(Protocol.EC2, new Ec2Codec());
    codecs.put(Protocol.QUERY, new QueryCodec());
    codecs.put(Protocol.REST_XML, new RestXmlCodec());
    codecs.put(Protocol.REST_JSON, new RestJsonCodec());
    codecs.put(Protocol.JSON, new JsonCodec());
  }

  public ProtocolCodec of(Protocol protocol) { return codecs.get(protocol); }

  /** Prepares the routing tables of a REST service ahead of its first call. */
  public void warmUp(dev.stratus.protocol.ServiceModel service) {
    if (codecs.get(service.descriptor().protocol()) instanceof RestCodec rest) rest.router(service);
  }
}
