package dev.rekey.server;

import dev.rekey.server.admin.AdminRoutes;
import dev.rekey.server.admin.AdminServer;
import dev.rekey.server.admin.AdminToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The admin API of one node, once it is ready: its token file (created on first start), its server, and
 * {@code <data>/admin.url}, which tells a CLI on this machine where to find it (removed when the node stops).
 */
final class AdminPort implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AdminPort.class);
    private final AdminServer server;
    private final String url;
    private final Path urlFile;

    private AdminPort(AdminServer server, String url, Path urlFile) {
        this.server = server;
        this.url = url;
        this.urlFile = urlFile;
    }

    static AdminPort start(RekeyConfig config, AdminRoutes.Parts parts) {
        AdminToken token;
        try {
            token = AdminToken.open(config.adminTokenFile());
        } catch (IllegalStateException e) {
            throw new ConfigException("server.admin-token-file: " + e.getMessage());
        }
        AdminServer server = AdminServer.start(new AdminRoutes(token, parts), config.admin().bind(), config.admin().port());
        String host = config.admin().bind().equals("0.0.0.0") ? "127.0.0.1" : config.admin().bind();
        String url = "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + server.port();
        Path urlFile = config.data().resolve("admin.url");
        try {
            Files.writeString(urlFile, url + "\n");
        } catch (IOException e) {
            LOG.warn("could not write {}: {}", urlFile, e.getMessage());
        }
        return new AdminPort(server, url, urlFile);
    }

    String url() {
        return url;
    }

    /** The routes served (for the test that holds them and the OpenAPI document together). */
    java.util.List<String> served() {
        return server.served();
    }

    @Override
    public void close() {
        server.close();
        try {
            Files.deleteIfExists(urlFile);
        } catch (IOException e) {
            LOG.warn("could not remove {}: {}", urlFile, e.getMessage());
        }
    }
}
