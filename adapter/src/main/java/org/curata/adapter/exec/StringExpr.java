package org.curata.adapter.exec;

import java.util.Arrays;
import org.curata.storage.FieldKind;
import org.curata.storage.FieldType;

/** String functions on UTF-8 values. */
final class StringExpr {
  private StringExpr() {
  }

  /** LIKE with a simple pattern; NULL in, NULL out. */
  static final class Like extends Expr.Unary {
    private final LikeShape shape;
    private final byte[] text;

    Like(Expr operand, LikeShape shape, byte[] text, String sql) {
      super(FieldType.of(FieldKind.BOOL), sql, operand);
      this.shape = shape;
      this.text = text.clone();
    }

    @Override
    Eval bind() {
      Eval child = operand.bind();
      return new Eval() {
        @Override
        ColumnVector eval(ColumnVector[] in, int[] sel, int n, int capacity) {
          ColumnVector a = child.eval(in, sel, n, capacity);
          ColumnVector v = out(type(), capacity);
          byte[][] x = a.bytes;
          boolean[] an = a.nulls;
          long[] o = v.longs;
          boolean[] on = v.nulls;
          int t = text.length;
          for (int i = 0; i < n; i++) {
            int p = sel[i];
            on[p] = an[p];
            if (an[p]) {
              continue;
            }
            byte[] s = x[p];
            boolean m;
            switch (shape) {
              case EXACT:
                m = Arrays.equals(s, text);
                break;
              case PREFIX:
                m = s.length >= t && Arrays.equals(s, 0, t, text, 0, t);
                break;
              case SUFFIX:
                m = s.length >= t && Arrays.equals(s, s.length - t, s.length, text, 0, t);
                break;
              default:
                m = indexOf(s, text) >= 0;
                break;
            }
            o[p] = m ? 1 : 0;
          }
          return v;
        }
      };
    }

    private static int indexOf(byte[] s, byte[] t) {
      outer:
      for (int i = 0; i + t.length <= s.length; i++) {
        for (int k = 0; k < t.length; k++) {
          if (s[i + k] != t[k]) {
            continue outer;
          }
        }
        return i;
      }
      return -1;
    }
  }

  /** CHAR_LENGTH in UTF-16 code units: one per UTF-8 lead byte, two for a 4-byte sequence. */
  static final class CharLength extends Expr.Unary {

    CharLength(Expr operand) {
      super(FieldType.of(FieldKind.INT32), "CHAR_LENGTH(" + operand + ")", operand);
    }

    @Override
    Eval bind() {
      Eval child = operand.bind();
      return new Eval() {
        @Override
        ColumnVector eval(ColumnVector[] in, int[] sel, int n, int capacity) {
          ColumnVector a = child.eval(in, sel, n, capacity);
          ColumnVector v = out(type(), capacity);
          byte[][] x = a.bytes;
          boolean[] an = a.nulls;
          long[] o = v.longs;
          boolean[] on = v.nulls;
          for (int i = 0; i < n; i++) {
            int p = sel[i];
            on[p] = an[p];
            if (an[p]) {
              continue;
            }
            byte[] s = x[p];
            int len = 0;
            for (byte b : s) {
              int u = b & 0xFF;
              if ((u & 0xC0) != 0x80) {
                len += u >= 0xF0 ? 2 : 1;
              }
            }
            o[p] = len;
          }
          return v;
        }
      };
    }
  }
}
