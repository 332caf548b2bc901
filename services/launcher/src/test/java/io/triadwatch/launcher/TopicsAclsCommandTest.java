package io.triadwatch.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.triadwatch.launcher.app.Role;
import io.triadwatch.launcher.security.RoleAcls;
import io.triadwatch.topics.Topics;
import org.junit.jupiter.api.Test;

/** {@code triadwatch topics acls} prints the ACLs of {@code RoleAcls} without needing a cluster. */
class TopicsAclsCommandTest {

    @Test
    void shouldPrintEveryRolesTableAndOneRolesBindingsForAPrincipal() {
        // Given the command line, its output captured
        StandardOut out = StandardOut.capture();
        int table;
        int bindings;
        try {
            // When the table, and then the analyzer's bindings for a principal, are asked for
            table = Main.commandLine().execute("topics", "acls");
            bindings = Main.commandLine().execute("topics", "acls", "--role", "analyzer", "--principal", "User:tw-analyzer");
        } finally {
            out.restore();
        }

        // Then both succeed: the table is RoleAcls', and each binding is one line naming principal, operation and resource
        assertThat(table).isZero();
        assertThat(bindings).isZero();
        assertThat(out.text()).contains(RoleAcls.table().strip())
                .contains("ALLOW User:tw-analyzer READ TOPIC LITERAL " + Topics.EVENTS.name())
                .contains("ALLOW User:tw-analyzer WRITE TRANSACTIONAL_ID PREFIXED triadwatch-analyzer");
        assertThat(out.text().lines().filter(l -> l.startsWith("ALLOW User:tw-analyzer "))).hasSize(RoleAcls.bindings(Role.ANALYZER, "User:x").size());
    }
}
