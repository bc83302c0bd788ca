package dev.stratus.cloudfront;

import dev.stratus.cloudfront.model.KeyValueStoreKey;
import dev.stratus.core.AwsException;
import dev.stratus.core.Extensions;
import dev.stratus.core.s3.ObjectReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A key value store's ImportSource: the S3 object read as the creating account (CloudFront reads
 * it with the caller's s3:GetObject), a UTF-8 JSON file {@code {"data":[{"key":..,"value":..}]}}
 * ("File format for key-value pairs": no duplicate keys; file ≤ 5 MB, key ≤ 512, value ≤ 1024
 * characters). A file over 5 MB is refused at creation (EntitySizeLimitExceeded); any other fault
 * leaves the store PROVISIONING_FAILED with a FailureReason, as AWS imports after answering.
 *
 * @param keys the keys to store (empty when the import failed)
 * @param failureReason why the import failed, if it did
 */
record KeyValueStoreImport(List<KeyValueStoreKey> keys, Optional<String> failureReason) {
  static final int MAX_FILE_BYTES = 5 * 1024 * 1024;
  private static final JsonMapper JSON = JsonMapper.builder().build();

  static KeyValueStoreImport read(Extensions extensions, String accountId, String sourceArn) {
    String path = sourceArn.substring("arn:aws:s3:::".length());
    int slash = path.indexOf('/');
    String bucket = path.substring(0, slash);
    String key = path.substring(slash + 1);
    Optional<ObjectReader> reader = extensions.find(ObjectReader.class);
    if (reader.isEmpty()) {
      return failed("Unable to read the import source " + sourceArn + ": NoSuchBucket (The specified bucket does not exist)");
    }
    ObjectReader.ObjectRead read = reader.get().read(accountId, bucket, key, null);
    if (!read.found()) {
      return failed("Unable to read the import source " + sourceArn + ": " + read.errorCode() + " (" + read.errorMessage() + ")");
    }
    if (read.body().length > MAX_FILE_BYTES) {
      throw new AwsException("EntitySizeLimitExceeded", 413,
          "The import source file is larger than the maximum size of 5 MB.");
    }
    return parse(read.body());
  }

  static KeyValueStoreImport parse(byte[] file) {
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(file)).toString();
    } catch (CharacterCodingException e) {
      return failed("The import source file is not UTF-8 encoded.");
    }
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (JacksonException e) {
      return failed("The import source file is not valid JSON.");
    }
    if (root == null || !root.isObject() || !root.path("data").isArray()) {
      return failed("The import source file must be a JSON object with a \"data\" array of {\"key\", \"value\"} items.");
    }
    List<KeyValueStoreKey> keys = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    long size = 0;
    for (JsonNode item : root.path("data")) {
      JsonNode k = item.get("key");
      JsonNode v = item.get("value");
      if (!item.isObject() || k == null || !k.isString() || v == null || !v.isString()) {
        return failed("Each item of \"data\" must have a string \"key\" and a string \"value\".");
      }
      String name = k.asString();
      String value = v.asString();
      if (name.isEmpty() || name.length() > KeyValueStoreDataOperations.MAX_KEY_BYTES) {
        return failed("The key \"" + abbreviate(name) + "\" must be 1 to 512 characters long.");
      }
      if (value.length() > KeyValueStoreDataOperations.MAX_VALUE_BYTES) {
        return failed("The value of key \"" + abbreviate(name) + "\" is longer than 1024 characters.");
      }
      if (!seen.add(name)) return failed("The import source file has the duplicate key \"" + abbreviate(name) + "\".");
      var row = new KeyValueStoreKey(name, value);
      size += row.size();
      keys.add(row);
    }
    if (size > KeyValueStoreDataOperations.MAX_STORE_BYTES) {
      return failed("The keys and values of the import source file are larger than 5 MB.");
    }
    return new KeyValueStoreImport(List.copyOf(keys), Optional.empty());
  }

  private static KeyValueStoreImport failed(String reason) {
    return new KeyValueStoreImport(List.of(), Optional.of(reason));
  }

  private static String abbreviate(String s) {
    return s.length() <= 64 ? s : s.substring(0, 64) + "…";
  }
}
