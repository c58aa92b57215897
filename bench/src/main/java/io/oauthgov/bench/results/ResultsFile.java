package io.oauthgov.bench.results;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oauthgov.bench.Metric;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * One JSON object per run, {@code <dir>/<UTC date and time>-<git revision>.json}: the run's facts once, and every
 * metric with its value (null when not measured), unit, goal, whether the goal was met, and the machine, date and
 * revision again, so a metric copied out of the file still says where it came from.
 */
public final class ResultsFile {
    private static final DateTimeFormatter FILE_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ResultsFile() {}

    public static Path write(Path dir, RunInfo run, List<Metric> metrics) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("date", run.date().toString());
        root.put("gitRevision", run.revisionLabel());
        root.put("mode", run.mode());
        root.put("command", run.command());
        ObjectNode machine = root.putObject("machine");
        machine.put("cores", run.cores());
        machine.put("nproc", run.nproc());
        machine.put("java", run.java());
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        ArrayNode list = root.putArray("metrics");
        for (Metric metric : metrics) {
            ObjectNode node = list.addObject();
            node.put("metric", metric.name());
            if (metric.value() == null) {
                node.putNull("value");
            } else {
                node.put("value", metric.value());
            }
            node.put("unit", metric.unit());
            node.put("goal", metric.goal().text());
            Boolean met = metric.goalMet();
            if (met == null) {
                node.putNull("goalMet");
            } else {
                node.put("goalMet", met);
            }
            ArrayNode samples = node.putArray("samples");
            metric.samples().forEach(samples::add);
            node.put("note", metric.note());
            node.put("machineCores", run.cores());
            node.put("date", run.date().toString());
            node.put("gitRevision", run.revisionLabel());
        }
        Files.createDirectories(dir);
        Path file = dir.resolve(FILE_DATE.format(run.date()) + "-" + run.gitRevision() + ".json");
        JSON.writeValue(file.toFile(), root);
        return file;
    }
}
