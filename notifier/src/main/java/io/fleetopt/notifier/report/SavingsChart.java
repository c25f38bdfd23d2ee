package io.fleetopt.notifier.report;

import io.fleetopt.notifier.Money;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

/**
 * Estimated vs realized monthly savings by week, as an inline SVG line chart: one point per week for the
 * estimate, one per measured week for the realized saving. Each point carries its week and amount as data
 * attributes and a title (the tooltip), so the chart needs no script.
 */
final class SavingsChart {

    static final int WIDTH = 640;
    static final int HEIGHT = 260;
    private static final int LEFT = 80;
    private static final int RIGHT = 20;
    private static final int TOP = 20;
    private static final int BOTTOM = 50;
    private static final int MAX_LABELS = 8;

    private SavingsChart() {
    }

    static String svg(List<WeeklyReport.WeekPoint> weeks) {
        StringBuilder out = new StringBuilder();
        out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" viewBox=\"0 0 ").append(WIDTH).append(' ')
                .append(HEIGHT).append("\" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT)
                .append("\" aria-label=\"Estimated and realized monthly savings by week\">\n");
        if (weeks.isEmpty()) {
            out.append("<text x=\"").append(WIDTH / 2).append("\" y=\"").append(HEIGHT / 2)
                    .append("\" text-anchor=\"middle\" class=\"empty\">no changes applied yet</text>\n</svg>\n");
            return out.toString();
        }
        double max = weeks.stream().flatMap(w -> java.util.stream.Stream.of(w.estimatedMonthlyUsd(), w.realizedMonthlyUsd()))
                .filter(java.util.Objects::nonNull).mapToDouble(BigDecimal::doubleValue).max().orElse(0);
        double min = Math.min(0, weeks.stream().flatMap(w -> java.util.stream.Stream.of(w.estimatedMonthlyUsd(), w.realizedMonthlyUsd()))
                .filter(java.util.Objects::nonNull).mapToDouble(BigDecimal::doubleValue).min().orElse(0));
        double top = max <= min ? min + 1 : max * 1.1;
        Scale scale = new Scale(weeks.size(), min, top);
        for (int i = 0; i <= 4; i++) {
            double value = min + (top - min) * i / 4;
            double y = scale.y(value);
            out.append(String.format(Locale.ROOT, "<line class=\"grid\" x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\"/>"
                    + "<text class=\"axis\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n",
                    LEFT, y, WIDTH - RIGHT, y, LEFT - 6, y + 4, Money.usd(BigDecimal.valueOf(value).setScale(0, java.math.RoundingMode.HALF_UP))));
        }
        // at most about eight date labels fit under the chart; the points keep their weeks in their titles
        int every = (weeks.size() + MAX_LABELS - 1) / MAX_LABELS;
        for (int i = 0; i < weeks.size(); i += every) {
            out.append(String.format(Locale.ROOT, "<text class=\"axis\" x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                    scale.x(i), HEIGHT - BOTTOM + 18, weeks.get(i).weekOf()));
        }
        series(out, weeks, scale, "estimated", true);
        series(out, weeks, scale, "realized", false);
        out.append(String.format(Locale.ROOT, "<g class=\"legend\"><rect class=\"estimated\" x=\"%d\" y=\"%d\" width=\"12\" height=\"4\"/>"
                + "<text x=\"%d\" y=\"%d\">estimated when applied</text><rect class=\"realized\" x=\"%d\" y=\"%d\" width=\"12\" height=\"4\"/>"
                + "<text x=\"%d\" y=\"%d\">realized (measured a week later or more)</text></g>%n",
                LEFT, HEIGHT - 14, LEFT + 18, HEIGHT - 9, LEFT + 200, HEIGHT - 14, LEFT + 218, HEIGHT - 9));
        return out.append("</svg>\n").toString();
    }

    private static void series(StringBuilder out, List<WeeklyReport.WeekPoint> weeks, Scale scale, String name, boolean estimated) {
        StringBuilder line = new StringBuilder();
        StringBuilder points = new StringBuilder();
        for (int i = 0; i < weeks.size(); i++) {
            WeeklyReport.WeekPoint week = weeks.get(i);
            BigDecimal usd = estimated ? week.estimatedMonthlyUsd() : week.realizedMonthlyUsd();
            if (usd == null) {
                continue;
            }
            double x = scale.x(i);
            double y = scale.y(usd.doubleValue());
            line.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
            points.append(String.format(Locale.ROOT, "<circle class=\"point %s\" cx=\"%.1f\" cy=\"%.1f\" r=\"4\" data-week=\"%s\" "
                    + "data-usd=\"%s\"><title>week of %s: %s %s/month</title></circle>%n",
                    name, x, y, week.weekOf(), usd.toPlainString(), week.weekOf(), name, Money.usd(usd)));
        }
        if (!line.isEmpty()) {
            out.append("<polyline class=\"line ").append(name).append("\" points=\"").append(line.toString().strip()).append("\"/>\n");
        }
        out.append(points);
    }

    private record Scale(int count, double min, double max) {
        double x(int index) {
            double span = WIDTH - LEFT - RIGHT;
            return count == 1 ? LEFT + span / 2 : LEFT + 20 + (span - 40) * index / (count - 1);
        }

        double y(double value) {
            double span = HEIGHT - TOP - BOTTOM;
            return TOP + span * (1 - (value - min) / (max - min));
        }
    }
}
