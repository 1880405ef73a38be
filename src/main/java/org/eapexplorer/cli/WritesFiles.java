package org.eapexplorer.cli;

import java.util.List;

/**
 * A command that writes files: what it writes and what it reads, so that {@link EapCli} can refuse, before the
 * command starts, an output that would destroy an input ({@link OutputGuard}). Null entries (options not given) are
 * skipped.
 */
interface WritesFiles {

    List<OutputGuard.Output> outputs();

    List<OutputGuard.Input> inputs();
}
