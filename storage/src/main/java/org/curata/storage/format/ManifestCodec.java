package org.curata.storage.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;
import org.curata.storage.BlockInfo;
import org.curata.storage.BlockStats;
import org.curata.storage.CategoricalKey;
import org.curata.storage.CurataException;
import org.curata.storage.Encoding;
import org.curata.storage.ErrorCode;
import org.curata.storage.FieldKind;
import org.curata.storage.FieldSpec;
import org.curata.storage.FieldType;
import org.curata.storage.VersionInfo;
import org.curata.storage.block.BlockFormat;
import org.curata.storage.block.DictionarySegment;

/**
 * Writes and reads manifest files: a header line with the format version, body length and
 * CRC32C, then the JSON body (FORMAT.md, "Manifests"). Reading validates everything.
 */
final class ManifestCodec {
  static final String MAGIC = "curata-manifest";
  private static final Pattern DATA_FILE = Pattern.compile("data/[A-Za-z0-9][A-Za-z0-9._-]{0,200}");
  private static final JsonFactory JSON = new JsonFactory();
  private static final ObjectMapper MAPPER = new ObjectMapper(JSON);
  private static final int MAX_BLOCK_ROWS = 1 << 20;

  private ManifestCodec() {
  }

  /** The manifest file's bytes. */
  static byte[] encode(Manifest m) {
    // A dataset without dictionaries stays readable by Curata versions that read only format 1.
    int format = m.hasDictionaries() ? BlockFormat.FORMAT_VERSION : BlockFormat.FORMAT_VERSION_PLAIN;
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    try (JsonGenerator g = JSON.createGenerator(body)) {
      g.useDefaultPrettyPrinter();
      g.writeStartObject();
      g.writeNumberField("format", format);
      g.writeObjectFieldStart("version");
      g.writeNumberField("id", m.version().id());
      g.writeStringField("committedAt", m.version().committedAt().toString());
      g.writeStringField("message", m.version().message());
      g.writeStringField("user", m.version().user());
      g.writeEndObject();
      g.writeArrayFieldStart("dataFrames");
      for (Manifest.DataFrameEntry df : m.dataFrames()) {
        writeDataFrame(g, df);
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    byte[] json = body.toByteArray();
    CRC32C crc = new CRC32C();
    crc.update(json);
    String header = String.format("%s %d %d %08x\n", MAGIC, format,
        json.length, (int) crc.getValue());
    byte[] h = header.getBytes(StandardCharsets.US_ASCII);
    byte[] out = Arrays.copyOf(h, h.length + json.length);
    System.arraycopy(json, 0, out, h.length, json.length);
    return out;
  }

  private static void writeDataFrame(JsonGenerator g, Manifest.DataFrameEntry df)
      throws IOException {
    g.writeStartObject();
    g.writeStringField("name", df.name());
    g.writeNumberField("rowCount", df.rowCount());
    writeStrings(g, "sortKeys", df.sortKeys());
    writeStrings(g, "primaryKeys", df.primaryKeys());
    g.writeArrayFieldStart("fields");
    for (Manifest.FieldEntry f : df.fields()) {
      FieldType t = f.spec().type();
      g.writeStartObject();
      g.writeStringField("name", f.spec().name());
      g.writeStringField("kind", t.kind().exeteraName());
      if (t.kind() == FieldKind.FIXED_STRING) {
        g.writeNumberField("length", t.length());
      }
      g.writeBooleanField("nullable", f.spec().nullable());
      if (t.key() != null) {
        g.writeObjectFieldStart("key");
        g.writeStringField("codeKind", t.key().codeKind().exeteraName());
        g.writeArrayFieldStart("labels");
        for (Map.Entry<Long, String> e : t.key().labels().entrySet()) {
          g.writeStartObject();
          g.writeNumberField("code", e.getKey());
          g.writeStringField("label", e.getValue());
          g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
      }
      if (f.dictionary() != null) {
        g.writeArrayFieldStart("dictionary");
        for (DictionarySegment d : f.dictionary()) {
          g.writeStartObject();
          g.writeStringField("file", d.file());
          g.writeNumberField("offset", d.offset());
          g.writeNumberField("length", d.length());
          g.writeNumberField("crc32c", d.checksum() & 0xFFFF_FFFFL);
          g.writeNumberField("firstCode", d.firstCode());
          g.writeNumberField("count", d.count());
          g.writeNumberField("bytes", d.bytes());
          g.writeEndObject();
        }
        g.writeEndArray();
      }
      g.writeArrayFieldStart("blocks");
      for (BlockInfo b : f.blocks()) {
        writeBlock(g, t.storageKind(), b);
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private static void writeBlock(JsonGenerator g, FieldKind kind, BlockInfo b) throws IOException {
    BlockStats s = b.stats();
    g.writeStartObject();
    g.writeStringField("file", b.file());
    g.writeNumberField("offset", b.offset());
    g.writeNumberField("length", b.length());
    g.writeNumberField("crc32c", b.checksum() & 0xFFFF_FFFFL);
    g.writeStringField("encoding", b.encoding() == Encoding.SPARSE ? "sparse" : "dense");
    if (b.dictionaryCodes()) {
      g.writeBooleanField("dictionary", true);
    }
    g.writeNumberField("rows", s.rowCount());
    g.writeNumberField("nulls", s.nullCount());
    if (s.hasMinMax()) {
      if (kind.isFloating()) {
        g.writeNumberField("minBits", Double.doubleToRawLongBits(s.minDouble()));
        g.writeNumberField("maxBits", Double.doubleToRawLongBits(s.maxDouble()));
      } else if (kind.isString()) {
        g.writeStringField("min", Base64.getEncoder().encodeToString(s.minBytes()));
        if (s.maxBytes() != null) {
          g.writeStringField("max", Base64.getEncoder().encodeToString(s.maxBytes()));
        }
      } else {
        g.writeNumberField("min", s.minLong());
        g.writeNumberField("max", s.maxLong());
      }
    }
    g.writeEndObject();
  }

  private static void writeStrings(JsonGenerator g, String name, List<String> values)
      throws IOException {
    g.writeArrayFieldStart(name);
    for (String v : values) {
      g.writeString(v);
    }
    g.writeEndArray();
  }

  /** A problem in a manifest, turned into a CORRUPTION error naming the file. */
  private static final class Bad extends Exception {
    private static final long serialVersionUID = 1L;

    Bad(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * Reads and validates a manifest file.
   *
   * @param bytes the file's bytes
   * @param file how errors name the file (relative to the dataset)
   * @param expectedId the version id its name says
   * @throws CurataException CORRUPTION when it does not check out, NOT_A_DATASET when it is a
   *     valid manifest of a newer format version
   */
  static Manifest decode(byte[] bytes, String file, long expectedId) {
    try {
      return decodeOrThrow(bytes, expectedId);
    } catch (Bad e) {
      throw new CurataException(ErrorCode.CORRUPTION, "manifest " + file + ": " + e.getMessage()
          + "; run 'curata verify'");
    }
  }

  private static Manifest decodeOrThrow(byte[] bytes, long expectedId) throws Bad {
    int nl = -1;
    for (int i = 0; i < Math.min(bytes.length, 100); i++) {
      if (bytes[i] == '\n') {
        nl = i;
        break;
      }
    }
    if (nl < 0) {
      throw new Bad("no header line (the file is empty, truncated or not a manifest)");
    }
    String[] h = new String(bytes, 0, nl, StandardCharsets.US_ASCII).split(" ", -1);
    if (h.length != 4 || !h[0].equals(MAGIC)) {
      throw new Bad("bad header line");
    }
    int format;
    long length;
    int stored;
    try {
      format = Integer.parseInt(h[1]);
      length = Long.parseLong(h[2]);
      if (h[3].length() != 8) {
        throw new NumberFormatException(h[3]);
      }
      stored = (int) Long.parseLong(h[3], 16);
    } catch (NumberFormatException e) {
      throw new Bad("bad header line");
    }
    if (length != bytes.length - nl - 1) {
      throw new Bad("header says " + length + " body bytes, the file has " + (bytes.length - nl - 1)
          + " (torn or truncated write)");
    }
    CRC32C crc = new CRC32C();
    crc.update(bytes, nl + 1, (int) length);
    int computed = (int) crc.getValue();
    if (computed != stored) {
      throw new Bad(String.format("checksum mismatch, stored 0x%08x, computed 0x%08x", stored,
          computed));
    }
    JsonNode root;
    try (JsonParser p = JSON.createParser(bytes, nl + 1, (int) length)) {
      root = MAPPER.readTree(p);
    } catch (IOException e) {
      throw new Bad("body is not valid JSON: " + e.getMessage());
    }
    if (root == null || !root.isObject()) {
      throw new Bad("body is not a JSON object");
    }
    long bodyFormat = integer(root, "format");
    if (bodyFormat != format) {
      throw new Bad("header says format " + format + ", body says " + bodyFormat);
    }
    if (format > BlockFormat.FORMAT_VERSION) {
      throw new CurataException(ErrorCode.NOT_A_DATASET, "the dataset has format version " + format
          + "; this Curata reads formats " + BlockFormat.FORMAT_VERSION_PLAIN + " to "
          + BlockFormat.FORMAT_VERSION + " (upgrade Curata)");
    }
    if (format < BlockFormat.FORMAT_VERSION_PLAIN) {
      throw new Bad("format version " + format + " does not exist");
    }
    JsonNode v = object(root, "version");
    long id = integer(v, "id");
    if (id != expectedId) {
      throw new Bad("holds version " + id + ", its name says " + expectedId);
    }
    Instant at;
    try {
      at = Instant.parse(text(v, "committedAt"));
    } catch (DateTimeParseException e) {
      throw new Bad("bad committedAt");
    }
    VersionInfo version = new VersionInfo(id, at, text(v, "message"), text(v, "user"));
    List<Manifest.DataFrameEntry> dfs = new ArrayList<>();
    String prevName = null;
    for (JsonNode d : array(root, "dataFrames")) {
      Manifest.DataFrameEntry df = dataFrame(d, format);
      if (prevName != null && prevName.compareTo(df.name()) >= 0) {
        throw new Bad("dataframes are not in name order or repeat ('" + df.name() + "')");
      }
      prevName = df.name();
      dfs.add(df);
    }
    return new Manifest(version, dfs);
  }

  private static Manifest.DataFrameEntry dataFrame(JsonNode d, int format) throws Bad {
    String name = text(d, "name");
    if (name.isEmpty()) {
      throw new Bad("a dataframe has an empty name");
    }
    long rowCount = integer(d, "rowCount");
    if (rowCount < 0) {
      throw new Bad("dataframe '" + name + "' has " + rowCount + " rows");
    }
    List<Manifest.FieldEntry> fields = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (JsonNode f : array(d, "fields")) {
      Manifest.FieldEntry fe = field(name, rowCount, f, format);
      if (!names.add(fe.spec().name())) {
        throw new Bad("dataframe '" + name + "' has field '" + fe.spec().name() + "' twice");
      }
      fields.add(fe);
    }
    List<String> sortKeys = strings(d, "sortKeys");
    List<String> primaryKeys = strings(d, "primaryKeys");
    for (String k : sortKeys) {
      if (!names.contains(k)) {
        throw new Bad("dataframe '" + name + "' is sorted by unknown field '" + k + "'");
      }
    }
    for (String k : primaryKeys) {
      if (!names.contains(k)) {
        throw new Bad("dataframe '" + name + "' has unknown primary key field '" + k + "'");
      }
    }
    return new Manifest.DataFrameEntry(name, rowCount, fields, sortKeys, primaryKeys);
  }

  private static Manifest.FieldEntry field(String df, long rowCount, JsonNode f, int format)
      throws Bad {
    String name = text(f, "name");
    String where = "field '" + name + "' of dataframe '" + df + "'";
    FieldKind kind = kind(text(f, "kind"), where);
    boolean nullable = bool(f, "nullable");
    FieldType type;
    try {
      if (kind == FieldKind.FIXED_STRING) {
        type = FieldType.fixedString((int) Math.min(Integer.MAX_VALUE, integer(f, "length")));
      } else if (kind == FieldKind.CATEGORICAL) {
        JsonNode k = object(f, "key");
        FieldKind codeKind = kind(text(k, "codeKind"), where);
        Map<Long, String> labels = new LinkedHashMap<>();
        for (JsonNode l : array(k, "labels")) {
          if (labels.put(integer(l, "code"), text(l, "label")) != null) {
            throw new Bad(where + " has a categorical code twice");
          }
        }
        type = FieldType.categorical(new CategoricalKey(codeKind, labels));
      } else {
        type = FieldType.of(kind);
      }
    } catch (CurataException e) {
      throw new Bad(where + ": " + e.getMessage());
    }
    FieldSpec spec;
    try {
      spec = new FieldSpec(name, type, nullable);
    } catch (CurataException e) {
      throw new Bad(where + ": " + e.getMessage());
    }
    List<DictionarySegment> dictionary = null;
    if (f.has("dictionary")) {
      if (format < BlockFormat.FORMAT_VERSION || !type.storageKind().isString()) {
        throw new Bad(where + " has a dictionary, which needs a string field of format "
            + BlockFormat.FORMAT_VERSION);
      }
      dictionary = new ArrayList<>();
      long nextCode = 0;
      for (JsonNode d : array(f, "dictionary")) {
        DictionarySegment seg = segment(d, dictionary.size(), nextCode, where);
        nextCode += seg.count();
        dictionary.add(seg);
      }
    }
    List<BlockInfo> blocks = new ArrayList<>();
    long row = 0;
    FieldKind storage = type.storageKind();
    for (JsonNode b : array(f, "blocks")) {
      BlockInfo info = block(b, blocks.size(), row, storage, where);
      if (info.dictionaryCodes() && dictionary == null) {
        throw new Bad("block " + info.index() + " of " + where
            + " holds dictionary codes but the field has no dictionary");
      }
      if (!nullable && info.stats().nullCount() > 0) {
        throw new Bad(where + " is NOT NULL but block " + info.index() + " has NULLs");
      }
      row += info.rowCount();
      blocks.add(info);
    }
    if (row != rowCount) {
      throw new Bad(where + " has " + row + " rows in its blocks, the dataframe " + rowCount);
    }
    return new Manifest.FieldEntry(spec, blocks, dictionary);
  }

  private static DictionarySegment segment(JsonNode d, int index, long firstCode, String where)
      throws Bad {
    String w = "dictionary segment " + index + " of " + where;
    String file = text(d, "file");
    if (!DATA_FILE.matcher(file).matches()) {
      throw new Bad(w + " names a bad file '" + file + "'");
    }
    long offset = integer(d, "offset");
    long length = integer(d, "length");
    long crc = integer(d, "crc32c");
    long first = integer(d, "firstCode");
    long count = integer(d, "count");
    long bytes = integer(d, "bytes");
    if (offset < BlockFormat.FILE_HEADER_BYTES || length < BlockFormat.HEADER_BYTES
        || length > Integer.MAX_VALUE || offset > Long.MAX_VALUE - length
        || crc < 0 || crc > 0xFFFF_FFFFL || count < 1 || bytes < 0 || bytes > length) {
      throw new Bad(w + " has impossible offset, length, checksum or counts");
    }
    if (first != firstCode || firstCode + count > Integer.MAX_VALUE) {
      throw new Bad(w + " starts at code " + first + ", expected " + firstCode);
    }
    return new DictionarySegment(file, offset, length, (int) crc, (int) first, (int) count, bytes);
  }

  private static BlockInfo block(JsonNode b, int index, long firstRow, FieldKind kind,
      String where) throws Bad {
    String w = "block " + index + " of " + where;
    String file = text(b, "file");
    if (!DATA_FILE.matcher(file).matches()) {
      throw new Bad(w + " names a bad file '" + file + "'");
    }
    long offset = integer(b, "offset");
    long length = integer(b, "length");
    long crc = integer(b, "crc32c");
    int rows = (int) Math.max(-1, Math.min(Integer.MAX_VALUE, integer(b, "rows")));
    int nulls = (int) Math.max(-1, Math.min(Integer.MAX_VALUE, integer(b, "nulls")));
    if (offset < BlockFormat.FILE_HEADER_BYTES || length < BlockFormat.HEADER_BYTES
        || length > Integer.MAX_VALUE || offset > Long.MAX_VALUE - length
        || crc < 0 || crc > 0xFFFF_FFFFL || rows < 1 || rows > MAX_BLOCK_ROWS
        || nulls < 0 || nulls > rows) {
      throw new Bad(w + " has impossible offset, length, checksum or counts");
    }
    String enc = text(b, "encoding");
    Encoding encoding;
    if (enc.equals("dense")) {
      encoding = Encoding.DENSE;
    } else if (enc.equals("sparse")) {
      encoding = Encoding.SPARSE;
    } else {
      throw new Bad(w + " has unknown encoding '" + enc + "'");
    }
    BlockStats stats;
    if (kind.isFloating()) {
      boolean has = b.has("minBits");
      stats = new BlockStats(rows, nulls, has, 0, 0,
          has ? Double.longBitsToDouble(integer(b, "minBits")) : 0,
          has ? Double.longBitsToDouble(integer(b, "maxBits")) : 0, null, null);
    } else if (kind.isString()) {
      boolean has = b.has("min");
      stats = new BlockStats(rows, nulls, has, 0, 0, 0, 0,
          has ? base64(b, "min", w) : null, b.has("max") ? base64(b, "max", w) : null);
    } else {
      boolean has = b.has("min");
      stats = new BlockStats(rows, nulls, has, has ? integer(b, "min") : 0,
          has ? integer(b, "max") : 0, 0, 0, null, null);
    }
    boolean codes = false;
    if (b.has("dictionary")) {
      codes = bool(b, "dictionary");
      if (!codes || !kind.isString()) {
        throw new Bad(w + " has a bad 'dictionary' flag");
      }
    }
    return new BlockInfo(index, firstRow, encoding, stats, file, offset, length, (int) crc, codes);
  }

  private static FieldKind kind(String name, String where) throws Bad {
    for (FieldKind k : FieldKind.values()) {
      if (k.exeteraName().equals(name)) {
        return k;
      }
    }
    throw new Bad(where + " has unknown kind '" + name + "'");
  }

  private static byte[] base64(JsonNode n, String name, String where) throws Bad {
    try {
      return Base64.getDecoder().decode(text(n, name));
    } catch (IllegalArgumentException e) {
      throw new Bad(where + ": bad base64 in '" + name + "'");
    }
  }

  private static JsonNode get(JsonNode n, String name) throws Bad {
    JsonNode v = n.get(name);
    if (v == null) {
      throw new Bad("missing '" + name + "'");
    }
    return v;
  }

  private static String text(JsonNode n, String name) throws Bad {
    JsonNode v = get(n, name);
    if (!v.isTextual()) {
      throw new Bad("'" + name + "' is not a string");
    }
    return v.textValue();
  }

  private static long integer(JsonNode n, String name) throws Bad {
    JsonNode v = get(n, name);
    if (!v.isIntegralNumber() || !v.canConvertToLong()) {
      throw new Bad("'" + name + "' is not a 64-bit integer");
    }
    return v.longValue();
  }

  private static boolean bool(JsonNode n, String name) throws Bad {
    JsonNode v = get(n, name);
    if (!v.isBoolean()) {
      throw new Bad("'" + name + "' is not a boolean");
    }
    return v.booleanValue();
  }

  private static JsonNode object(JsonNode n, String name) throws Bad {
    JsonNode v = get(n, name);
    if (!v.isObject()) {
      throw new Bad("'" + name + "' is not an object");
    }
    return v;
  }

  private static JsonNode array(JsonNode n, String name) throws Bad {
    JsonNode v = get(n, name);
    if (!v.isArray()) {
      throw new Bad("'" + name + "' is not an array");
    }
    return v;
  }

  private static List<String> strings(JsonNode n, String name) throws Bad {
    List<String> out = new ArrayList<>();
    for (JsonNode v : array(n, name)) {
      if (!v.isTextual()) {
        throw new Bad("'" + name + "' holds a non-string");
      }
      out.add(v.textValue());
    }
    return out;
  }
}
