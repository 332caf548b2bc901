package io.triadwatch.launcher.cli;

/** What the CLI tells its user goes to standard output; errors to standard error. */
final class Console {
    private Console() {
    }

    static void out(String line) {
        System.out.println(line);
        System.out.flush();
    }

    static void err(String line) {
        System.err.println(line);
        System.err.flush();
    }
}
