package ncverify.reports.campaign.figures;

import java.io.IOException;
import java.nio.file.Path;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * A figure of the report: a file stem, a title, a caption saying what theory predicts, and the chart
 * written as PNG (BitmapEncoder) and SVG (VectorGraphicsEncoder, via VectorGraphics2D).
 *
 * @param stem file name without extension
 * @param title figure title
 * @param caption one paragraph: what is plotted and what the theory says
 */
public record Figure(String stem, String title, String caption) {

  /** Writes {@code chart} as {@code stem.png} and {@code stem.svg} into {@code dir}. */
  public Figure save(Chart<?, ?> chart, Path dir) throws IOException {
    System.setProperty("java.awt.headless", "true");
    BitmapEncoder.saveBitmap(chart, dir.resolve(stem + ".png").toString(), BitmapEncoder.BitmapFormat.PNG);
    VectorGraphicsEncoder.saveVectorGraphic(chart, dir.resolve(stem + ".svg").toString(),
        VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
    return this;
  }
}
