package org.curata.adapter.exec;

import org.curata.storage.FieldKind;
import org.curata.storage.FieldType;

/**
 * A comparison of two expressions of the same physical kind, NULL when either is NULL: integral
 * values (integers, BOOL, DATE days, millisecond TIMESTAMP micros) as longs, floats with Java's
 * primitive operators, strings in Java's {@code String.compareTo} order (UTF-16 code units), which
 * is what Calcite's runtime uses.
 */
final class CompareExpr extends Expr {
  private final CompareOp op;
  private final Expr left;
  private final Expr right;

  CompareExpr(CompareOp op, Expr left, Expr right) {
    super(FieldType.of(FieldKind.BOOL), "(" + left + " " + op.sql() + " " + right + ")");
    if (ColumnVector.kindOf(left.type()) != ColumnVector.kindOf(right.type())) {
      throw new IllegalArgumentException("comparison of " + left.type() + " with "
          + right.type() + " in " + this);
    }
    this.op = op;
    this.left = left;
    this.right = right;
  }

  @Override
  void columns(boolean[] used) {
    left.columns(used);
    right.columns(used);
  }

  @Override
  Eval bind() {
    Eval l = left.bind();
    Eval r = right.bind();
    return new Eval() {
      @Override
      ColumnVector eval(ColumnVector[] in, int[] sel, int n, int capacity) {
        ColumnVector a = l.eval(in, sel, n, capacity);
        ColumnVector b = r.eval(in, sel, n, capacity);
        ColumnVector v = out(type(), capacity);
        boolean[] an = a.nulls;
        boolean[] bn = b.nulls;
        boolean[] on = v.nulls;
        long[] o = v.longs;
        switch (a.kind) {
          case LONG:
            longs(a.longs, b.longs, o, sel, n);
            break;
          case DOUBLE:
            doubles(a.doubles, b.doubles, o, sel, n);
            break;
          default: {
            byte[][] x = a.bytes;
            byte[][] y = b.bytes;
            for (int i = 0; i < n; i++) {
              int p = sel[i];
              if (!an[p] && !bn[p]) {
                o[p] = op.test(compareUtf16(x[p], y[p])) ? 1 : 0;
              }
            }
          }
        }
        for (int i = 0; i < n; i++) {
          int p = sel[i];
          on[p] = an[p] | bn[p];
        }
        return v;
      }
    };
  }

  private void longs(long[] a, long[] b, long[] o, int[] sel, int n) {
    switch (op) {
      case EQ:
        for (int i = 0; i < n; i++) {
          int p = sel[i];
          o[p] = a[p] == b[p] ? 1 : 0;
        }
        return;
      case NE:
        for (int i = 0; i < n; i++) {
          int p = sel[i];
          o[p] = a[p] != b[p] ? 1 : 0;
        }
        return;
      case LT:
        for (int i = 0; i < n; i++) {
          int p = sel[i];
          o[p] = a[p] < b[p] ? 1 : 0;
        }
        return;
      case LE:
        for (int i = 0; i < n; i++) {
          int p = sel[i];
          o[p] = a[p] <= b[p] ? 1 : 0;
        }
        return;
      case GT:
        for (int i = 0; i < n; i++) {
          int p = sel[i];
          o[p] = a[p] > b[p] ? 1 : 0;
        }
        return;
      default:
        for (int i = 0; i < n; i++) {
          int p = sel[i];
          o[p] = a[p] >= b[p] ? 1 : 0;
        }
    }
  }

  private void doubles(double[] a, double[] b, long[] o, int[] sel, int n) {
    switch (op) {
      case EQ:
        for (int i = 0; i < n; i++) {
          int p = sel[i];
          o[p] = a[p] == b[p] ? 1 : 0;
        }
        return;
      case NE:
        for (int i = 0; i < n; i++) {
          int p = sel[i];
          o[p] = a[p] != b[p] ? 1 : 0;
        }
        return;
      case LT:
        for (int i = 0; i < n; i++) {
          int p = sel[i];
          o[p] = a[p] < b[p] ? 1 : 0;
        }
        return;
      case LE:
        for (int i = 0; i < n; i++) {
          int p = sel[i];
          o[p] = a[p] <= b[p] ? 1 : 0;
        }
        return;
      case GT:
        for (int i = 0; i < n; i++) {
          int p = sel[i];
          o[p] = a[p] > b[p] ? 1 : 0;
        }
        return;
      default:
        for (int i = 0; i < n; i++) {
          int p = sel[i];
          o[p] = a[p] >= b[p] ? 1 : 0;
        }
    }
  }

  /**
   * Compares UTF-8 strings in the order of their UTF-16 forms ({@code String.compareTo}): byte
   * order is code point order, which differs from UTF-16 order only between a supplementary
   * character (a surrogate pair, 0xD800..) and a BMP character at or above U+E000.
   */
  static int compareUtf16(byte[] a, byte[] b) {
    int n = Math.min(a.length, b.length);
    for (int i = 0; i < n; i++) {
      if (a[i] != b[i]) {
        int s = i;
        while (s > 0 && (a[s] & 0xC0) == 0x80) {
          s--;
        }
        int ca = codePoint(a, s);
        int cb = codePoint(b, s);
        int c = Integer.compare(unit(ca), unit(cb));
        return c != 0 ? c : Integer.compare(ca, cb);
      }
    }
    return Integer.compare(a.length, b.length);
  }

  private static int unit(int cp) {
    return cp >= 0x10000 ? 0xD800 + ((cp - 0x10000) >> 10) : cp;
  }

  private static int codePoint(byte[] s, int i) {
    int b0 = s[i] & 0xFF;
    if (b0 < 0x80) {
      return b0;
    }
    int len = b0 >= 0xF0 ? 4 : b0 >= 0xE0 ? 3 : 2;
    int cp = b0 & (0x3F >> (len - 1));
    for (int k = 1; k < len && i + k < s.length; k++) {
      cp = (cp << 6) | (s[i + k] & 0x3F);
    }
    return cp;
  }
}
