package dev.rekey.engines.memcached;

import dev.rekey.core.EngineException;
import dev.rekey.engines.Processes;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/** SIGHUP, which makes memcached re-read its auth file. The JDK can send only TERM and KILL, hence kill(1). */
final class Hangup {

    private Hangup() {
    }

    static void send(long pid) throws EngineException {
        if (ProcessHandle.of(pid).filter(Processes::isAlive).isEmpty()) {
            throw new EngineException("memcached pid " + pid + " is not running");
        }
        try {
            Process kill = new ProcessBuilder("kill", "-s", "HUP", Long.toString(pid))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!kill.waitFor(2, TimeUnit.SECONDS)) {
                kill.destroyForcibly();
                throw new EngineException("kill -s HUP " + pid + " did not finish within 2 s");
            }
            if (kill.exitValue() != 0) {
                throw new EngineException("kill -s HUP " + pid + " failed with status " + kill.exitValue());
            }
        } catch (IOException e) {
            throw new EngineException("cannot run kill to send SIGHUP to memcached pid " + pid + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("interrupted while sending SIGHUP to memcached pid " + pid, e);
        }
    }
}
