package dev.rekey.engines.redis.deployment;

import dev.rekey.core.EngineException;
import dev.rekey.core.EngineState;
import dev.rekey.core.Secret;
import dev.rekey.engines.redis.AclUser;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * The admin commands Rekey sends to a data node. The admin user needs exactly these rights (see
 * {@code ADMIN_RULES} of the spawned topologies): ACL GETUSER/SETUSER/SAVE/LOG, CONFIG GET/SET/REWRITE, INFO, PING,
 * CLIENT LIST, and CLUSTER NODES/INFO in a cluster.
 */
final class NodeAdmin extends AdminConnection {

    private static final String NO_ACL_FILE = "not configured to use an ACL file";

    NodeAdmin(Endpoint endpoint, AdminLogin login) {
        super(endpoint, login, "Redis at");
    }

    /** The account's passwords (fingerprints) or password-free access. */
    EngineState access() throws EngineException {
        String account = login().account();
        Object reply = call("read ACL user '" + account + "'",
                jedis -> jedis.sendCommand(Protocol.Command.ACL, "GETUSER", account));
        if (reply == null) throw new EngineException("Redis at " + endpoint() + " has no ACL user '" + account + "'");
        try {
            AclUser user = AclUser.parse(reply);
            return EngineState.of(user.passwords(), user.passwordFree());
        } catch (IllegalArgumentException e) {
            throw new EngineException("Redis at " + endpoint() + " gave an unreadable ACL reply: " + e.getMessage());
        }
    }

    void setUser(String action, List<String> rules) throws EngineException {
        List<String> args = new ArrayList<>(List.of("SETUSER", login().account()));
        args.addAll(rules);
        Object reply = call(action + " of ACL user '" + login().account() + "'",
                jedis -> jedis.sendCommand(Protocol.Command.ACL, args.toArray(String[]::new)));
        if (!(reply instanceof byte[] ok) || !"OK".equals(new String(ok, StandardCharsets.UTF_8))) {
            throw new EngineException("Redis at " + endpoint() + " did not confirm: " + action);
        }
    }

    /**
     * How this node's replication logs in, if it logs in as the account: then its masterauth must follow the
     * account's password. A node whose masteruser is another user is left alone.
     */
    ReplicationLogin replicationLogin() throws EngineException {
        Map<String, String> values = call("read masteruser and masterauth",
                jedis -> jedis.configGet("masteruser", "masterauth"));
        String masterUser = values.getOrDefault("masteruser", "");
        boolean asAccount = masterUser.isEmpty() ? login().accountIsDefault() : masterUser.equals(login().account());
        return new ReplicationLogin(asAccount, Secret.of(values.getOrDefault("masterauth", "")));
    }

    void setMasterAuth(Secret password) throws EngineException {
        call("set masterauth", jedis -> jedis.configSet("masterauth", password.reveal()));
    }

    String info(String section) throws EngineException {
        return call("read INFO " + section, jedis -> jedis.info(section));
    }

    String clusterNodes() throws EngineException {
        return call("read CLUSTER NODES", jedis -> jedis.clusterNodes());
    }

    String clientList() throws EngineException {
        return call("read CLIENT LIST", jedis -> jedis.clientList());
    }

    Object aclLog() throws EngineException {
        return call("read ACL LOG", jedis -> jedis.sendCommand(Protocol.Command.ACL, "LOG"));
    }

    /**
     * ACL SAVE (or CONFIG REWRITE when the users live in redis.conf), and CONFIG REWRITE when the node's masterauth
     * follows the account, since masterauth lives in redis.conf.
     */
    void persist(boolean masterAuthToo) throws EngineException {
        boolean rewritten = call("persist ACL user '" + login().account() + "' (ACL SAVE)", jedis -> {
            try {
                jedis.aclSave();
                return false;
            } catch (JedisDataException e) {
                if (e.getMessage() == null || !e.getMessage().contains(NO_ACL_FILE)) throw e;
                jedis.configRewrite();
                return true;
            }
        });
        if (masterAuthToo && !rewritten) call("persist masterauth (CONFIG REWRITE)", jedis -> jedis.configRewrite());
    }
}
