package io.oauthgov.cli.demo;

import java.nio.file.Path;

/** What the demo was asked to do. */
public record DemoOptions(int orgs, int clientsPerOrg, long seed, Path reportDir, boolean execute) {}
