package io.oauthgov.cli;

import io.oauthgov.genesys.SecretFiles;
import java.io.PrintStream;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code oauthgov} command. Subcommands delegate to the stage modules and hold no business logic. */
@Command(name = "oauthgov",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Finds stale and over-privileged Genesys Cloud OAuth clients, reports the risk, and deletes approved ones safely.",
        subcommands = {DemoCommand.class, DevCommand.class, AuditCommand.class, CollectCommand.class, AnalyzeCommand.class, NotifyCommand.class, ExecuteCommand.class, RestoreCommand.class,
            KillSwitchCommand.class, ReconcileCommand.class, ApproveCommand.class, ApprovalsCommand.class, ReplayCommand.class, RegistryCommand.class, TopicsCommand.class,
            SimulatorCommand.class, ConfigCommand.class, PolicyCommand.class, StatusCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success",
            "1:the command ran and failed (a clear message says why)",
            "2:invalid usage or configuration"})
public final class Main implements Runnable {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        // Our logging config, not whichever log4j2.* a dependency jar carries; an operator's own file still wins.
        if (System.getProperty("log4j2.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", "classpath:log4j2.xml");
        }
        // The embedded servers (schema registry, simulator) answer small requests; without TCP_NODELAY each one
        // waits out the peer's delayed ACK (~40 ms). The JDK reads this once, before its first server starts.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        System.exit(run(System.out, System.err, args));
    }

    public static int run(PrintStream out, PrintStream err, String... args) {
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        commandLine.setExitCodeExceptionMapper(e -> e instanceof UserError || e instanceof SecretFiles.SecretFileException
                || e instanceof CommandLine.ParameterException ? USAGE : FAILED);
        commandLine.setExecutionExceptionHandler((e, cmd, parseResult) -> {
            // One clear line plus a hint; stack traces only when asked for.
            cmd.getErr().println("oauthgov: " + rootMessage(e));
            String hint = e instanceof UserError userError ? userError.hint()
                    : e instanceof SecretFiles.SecretFileException secretFile ? secretFile.hint() : null;
            if (hint != null) {
                cmd.getErr().println("hint: " + hint);
            }
            if (System.getenv("OAUTHGOV_DEBUG") != null) {
                e.printStackTrace(cmd.getErr());
            }
            return cmd.getExitCodeExceptionMapper().getExitCode(e);
        });
        return commandLine.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    private static String rootMessage(Throwable e) {
        String message = e.getMessage();
        Throwable cause = e.getCause();
        while ((message == null || message.isBlank()) && cause != null) {
            message = cause.getMessage();
            cause = cause.getCause();
        }
        return message == null ? e.getClass().getSimpleName() : message;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Main.class.getPackage().getImplementationVersion();
            return new String[] {"oauthgov " + (version == null ? "development build" : version)};
        }
    }
}
