package io.github.camelclevertap.benchmarks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Median records a second of each case against the emulator's latency, on a log scale, with the batched ceiling
 * 15,000 / L and the one-record-per-request ceiling 15 / L drawn as dashed lines (neither exists at L = 0).
 */
final class ResultsChart {

    private static final int CEILING_POINTS = 50;

    private ResultsChart() {
    }

    static void write(List<CaseSummary> summaries, Path png) throws IOException {
        List<Integer> latencies = summaries.stream().map(CaseSummary::latencyMillis).distinct().sorted().toList();
        XYChart chart = new XYChartBuilder().width(1200).height(750)
                .title("clevertap: records per second by case and round-trip latency")
                .xAxisTitle("emulator latency L (ms)").yAxisTitle("records / s (log scale)").build();
        Styler styler = chart.getStyler();
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setYAxisDecimalPattern("#,###");
        chart.getStyler().setXAxisDecimalPattern("#");
        styler.setLegendPosition(Styler.LegendPosition.OutsideS);
        styler.setLegendLayout(Styler.LegendLayout.Vertical);
        styler.setMarkerSize(9);

        List<BenchmarkCase> cases = summaries.stream().filter(CaseSummary::ran).map(CaseSummary::benchmarkCase)
                .distinct().toList();
        for (BenchmarkCase benchmarkCase : cases) {
            List<Integer> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (int latency : latencies) {
                summaries.stream()
                        .filter(s -> s.ran() && s.benchmarkCase() == benchmarkCase && s.latencyMillis() == latency)
                        .findFirst().ifPresent(s -> {
                            xs.add(latency);
                            ys.add(s.medianRate());
                        });
            }
            XYSeries series = chart.addSeries(benchmarkCase.title(), xs, ys);
            series.setMarker(SeriesMarkers.CIRCLE);
        }
        int smallest = latencies.stream().filter(l -> l > 0).findFirst().orElse(0);
        int largest = latencies.isEmpty() ? 0 : latencies.get(latencies.size() - 1);
        if (smallest > 0) {
            // start the curves at half the smallest latency, so they reach over the L = 0 column a little
            double from = smallest / 2.0;
            ceiling(chart, "ceiling: 15 requests × 1000 records / L", from, largest, 1000);
            ceiling(chart, "one-record-per-request ceiling: 15 / L", from, largest, 1);
        }
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    private static void ceiling(XYChart chart, String name, double from, double to, int recordsPerRequest) {
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (int i = 0; i <= CEILING_POINTS; i++) {
            double latency = from + (to - from) * i / CEILING_POINTS;
            xs.add(latency);
            ys.add(15 * recordsPerRequest * 1000.0 / latency);
        }
        XYSeries series = chart.addSeries(name, xs, ys);
        series.setMarker(SeriesMarkers.NONE);
        series.setLineStyle(SeriesLines.DASH_DASH);
    }
}
