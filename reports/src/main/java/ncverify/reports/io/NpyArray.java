package ncverify.reports.io;

import java.util.Arrays;

/**
 * An array read from a .npy or CSV file: its shape and its values in logical C (row-major) order,
 * converted to double. {@code integral} tells whether the stored dtype was an integer type.
 */
public record NpyArray(long[] shape, double[] data, String dtype, boolean integral) {

  public NpyArray {
    shape = shape.clone();
  }

  @Override
  public long[] shape() {
    return shape.clone();
  }

  public int rank() {
    return shape.length;
  }

  /** Number of rows of a 2-D array, or the length of a 1-D array. */
  public int rows() {
    return shape.length == 0 ? 1 : (int) shape[0];
  }

  /** Number of columns of a 2-D array; 1 for a 1-D array. */
  public int cols() {
    return shape.length < 2 ? 1 : (int) shape[1];
  }

  public String shapeString() {
    return Arrays.toString(shape).replace('[', '(').replace(']', ')');
  }
}
