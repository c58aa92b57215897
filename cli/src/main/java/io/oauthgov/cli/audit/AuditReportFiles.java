package io.oauthgov.cli.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oauthgov.cli.report.CandidateJson;
import io.oauthgov.cli.report.CsvReport;
import io.oauthgov.cli.report.HtmlReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The audit's files in its report directory: {@value #CSV} (one row per client, for pandas and spreadsheets),
 * {@value #JSON} (everything, and the base a later {@code --since-report} compares with), {@value #HTML} (the same
 * as a page) and, when compared with an earlier audit, {@value #CHANGES}.
 */
public final class AuditReportFiles {
    public static final String CSV = "report.csv";
    public static final String JSON = "report.json";
    public static final String HTML = "report.html";
    public static final String CHANGES = "changes.csv";
    /** report.json's {@code kind}: tells an audit's report from the demo's, which has no client rows to compare. */
    static final String KIND = "audit";

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private AuditReportFiles() {}

    public static void write(AuditResult result, Path dir) throws IOException {
        Files.createDirectories(dir);
        ObjectNode json = json(result);
        CsvReport.write(dir.resolve(CSV), AuditRow.CSV_HEADER, result.rows().stream().map(AuditRow::csvCells).toList());
        if (result.since().isPresent()) {
            CsvReport.write(dir.resolve(CHANGES), AuditDiff.Change.CSV_HEADER,
                    result.since().get().changes().stream().map(AuditDiff.Change::csvCells).toList());
        } else {
            // A changes.csv from an earlier comparison would describe another pair of runs.
            Files.deleteIfExists(dir.resolve(CHANGES));
        }
        MAPPER.writeValue(dir.resolve(JSON).toFile(), json);
        HtmlReport.write(json, dir.resolve(HTML));
    }

    static ObjectNode json(AuditResult r) {
        ObjectNode report = MAPPER.createObjectNode();
        report.put("kind", KIND);
        report.put("generatedAt", r.generatedAt().toString());
        report.put("orgs", r.collection().size());
        report.putObject("policy").put("id", r.policyId()).put("version", r.policyVersion());
        report.put("staleWindowDays", r.staleWindowDays());
        ObjectNode audit = report.putObject("audit");
        audit.put("readOnly", true);
        audit.put("registry", r.registrySource().orElse(null));
        audit.put("registryNote", r.registrySource().map(source -> "owners and protections from " + source)
                .orElse("no --registry given: every org's registry was declared empty, so no client is protected and every"
                        + " client counts as unowned; pass --registry cmdb.csv to judge with owners and protections"));
        audit.set("incompleteOrgs", MAPPER.valueToTree(r.incompleteOrgs()));
        audit.set("orgsNotJudged", MAPPER.valueToTree(new java.util.TreeMap<>(r.orgsNotJudged())));
        report.set("collection", MAPPER.valueToTree(r.collection()));
        report.set("riskBySeverity", MAPPER.valueToTree(r.riskBySeverity()));
        CandidateJson.write(report.putArray("candidates"), r.candidates(), r.risk());
        report.set("clients", MAPPER.valueToTree(r.rows()));
        r.since().ifPresent(since -> {
            ObjectNode node = report.putObject("changes");
            node.put("previousReport", since.previousReport());
            node.put("previousGeneratedAt", since.previousGeneratedAt());
            node.set("counts", MAPPER.valueToTree(AuditDiff.counts(since.changes())));
            node.set("list", MAPPER.valueToTree(since.changes()));
        });
        ObjectNode timings = report.putObject("phaseSeconds");
        r.phases().forEach((phase, took) -> timings.put(phase, took.toMillis() / 1000.0));
        return report;
    }

    /** An earlier audit's report.json: when it ran and its rows. */
    public record Previous(Path file, String generatedAt, List<AuditRow> rows) {}

    /** @throws IllegalArgumentException when {@code dir} holds no readable audit report.json */
    public static Previous readPrevious(Path dir) {
        Path file = dir.resolve(JSON);
        JsonNode report;
        try {
            report = MAPPER.readTree(file.toFile());
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            throw new IllegalArgumentException(dir + " holds no " + JSON);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(file + " is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getClass().getSimpleName());
        }
        if (!KIND.equals(report.path("kind").asText()) || !report.path("clients").isArray()) {
            throw new IllegalArgumentException(file + " is not the report of an audit (no kind \"audit\" with clients)");
        }
        List<AuditRow> rows = new ArrayList<>();
        try {
            for (JsonNode node : report.path("clients")) {
                rows.add(MAPPER.treeToValue(node, AuditRow.class));
            }
        } catch (JsonProcessingException | IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException(file + " has a client entry that cannot be read: " + e.getMessage());
        }
        return new Previous(file, report.path("generatedAt").asText(""), rows);
    }
}
