#!/usr/bin/env python3
"""Writes the admin API's OpenAPI document (server/src/main/resources/dev/rekey/server/admin/openapi.json).
The document is kept in this script so that it is reviewed as code; AdminOpenApiTest checks it against the routes served."""
import json, os

def ref(name): return {"$ref": "#/components/schemas/" + name}
def arr(item): return {"type": "array", "items": item}
S = {"type": "string"}
SN = {"type": "string", "nullable": True}
I = {"type": "integer", "format": "int64"}
IN = {"type": "integer", "format": "int64", "nullable": True}
B = {"type": "boolean"}
T = {"type": "string", "format": "date-time"}
TN = {"type": "string", "format": "date-time", "nullable": True}

def obj(props, required=None, extra=False):
    o = {"type": "object", "properties": props, "additionalProperties": extra}
    if required: o["required"] = required
    return o

def page(item): return obj({"items": arr(ref(item)), "next": dict(SN, description="cursor of the next page (the `after` or `before` parameter), null at the end")}, ["items", "next"])

def q(name, desc, schema=S): return {"name": name, "in": "query", "required": False, "description": desc, "schema": schema}
def p(name, desc, schema=S): return {"name": name, "in": "path", "required": True, "description": desc, "schema": schema}

def answer(desc, schema=None, ctype="application/json"):
    r = {"description": desc}
    if schema is not None: r["content"] = {ctype: {"schema": schema}}
    return r

ERR = {"400": answer("bad input: `field` names it", ref("Error")), "401": answer("no valid admin token", ref("Error"))}
NF = {"404": answer("no such resource", ref("Error"))}
CONFLICT = {"409": answer("conflict with what exists (an id taken, a busy instance, an instance declared in the file)", ref("Error"))}

def op(summary, responses, params=None, body=None, secured=True, desc=None, tag=None):
    o = {"summary": summary, "operationId": None, "tags": [tag] if tag else [], "responses": responses}
    if desc: o["description"] = desc
    if params: o["parameters"] = params
    if body: o["requestBody"] = body
    if not secured: o["security"] = []
    return o

def jbody(schema, desc=None, required=True, types=("application/json",)):
    b = {"required": required, "content": {t: {"schema": schema} for t in types}}
    if desc: b["description"] = desc
    return b

limit = q("limit", "page size, 1 to 1000 (default 100)", {"type": "integer", "minimum": 1, "maximum": 1000})
time_desc = "ISO-8601 time (2026-12-04T10:00:00Z) or a time ago: 90s, 15m, 1h, 2d"
audit_filters = [q("tenant", "only this tenant"), q("instance", "only this instance id"), q("action", "only this action (ModifyInstancePassword, admin.key.revoke, ...)"),
                 q("outcome", "only this outcome code", {"type": "string", "enum": ["accepted", "refused", "succeeded", "failed", "ok", "denied"]}),
                 q("since", "records at or after this time; " + time_desc), q("until", "records before this time; " + time_desc)]

paths = {
 "/openapi.json": {"get": op("This document", {"200": answer("the OpenAPI 3 document", {"type": "object"})}, secured=False, tag="meta")},
 "/metrics": {"get": op("Prometheus metrics", {"200": answer("Prometheus text format 0.0.4", S, "text/plain")}, secured=False, tag="meta",
    desc="No token. rekey_requests_total{cloud,action,status,code}, rekey_request_duration_seconds{cloud,action} (histogram), "
         "rekey_rate_limit_refusals_total{product}, rekey_engines{state}, rekey_operations{kind,state}, "
         "rekey_engine_verification_failures_total{kind}, rekey_instances_locked, rekey_instances{product,source}.")},
 "/api/tenants": {
   "get": op("List tenants with their keys (never a secret)", dict({"200": answer("tenants", page("Tenant"))}, **ERR), tag="tenants"),
   "post": op("Create a tenant", dict({"201": answer("created", ref("Tenant"))}, **ERR, **CONFLICT), body=jbody(ref("NewTenant")), tag="tenants")},
 "/api/tenants/{tenant}": {"get": op("Show a tenant and its keys", dict({"200": answer("the tenant", ref("Tenant"))}, **ERR, **NF), params=[p("tenant", "tenant name")], tag="tenants")},
 "/api/tenants/{tenant}/keys": {"post": op("Create a key pair for one cloud; the secret is in this answer only",
    dict({"201": answer("the new key pair, secret included", ref("CreatedKey"))}, **ERR, **NF), params=[p("tenant", "tenant name")], body=jbody(ref("NewKey")), tag="tenants")},
 "/api/tenants/{tenant}/keys/{cloud}/{keyId}/rotate": {"post": op("Replace a key pair by a new one (the old one stops working on every node within 5 s)",
    dict({"201": answer("the new key pair, secret included; `revoked` names the old key id", ref("CreatedKey"))}, **ERR, **NF, **CONFLICT),
    params=[p("tenant", "tenant name"), p("cloud", "tencent, aliyun or huawei", {"type": "string", "enum": ["tencent", "aliyun", "huawei"]}), p("keyId", "the key id (SecretId, AccessKeyId, AK)")], tag="tenants")},
 "/api/tenants/{tenant}/keys/{cloud}/{keyId}": {"delete": op("Revoke a key pair (it stops working on every node within 5 s)",
    dict({"200": answer("revoked; `note` warns when the key is declared in the configuration file", ref("Revoked"))}, **ERR, **NF),
    params=[p("tenant", "tenant name"), p("cloud", "tencent, aliyun or huawei", {"type": "string", "enum": ["tencent", "aliyun", "huawei"]}), p("keyId", "the key id")], tag="tenants")},
 "/api/instances": {
   "get": op("List instances (id order)", dict({"200": answer("a page of instances", page("Instance"))}, **ERR),
     params=[q("tenant", "only this tenant"), q("product", "only this product", {"type": "string", "enum": ["tencent-redis", "tencent-cvm", "aliyun-redis", "huawei-dcs"]}),
             q("source", "only instances of this source", {"type": "string", "enum": ["config", "api"]}), q("retired", "include retired instances", {"type": "boolean"}),
             q("after", "the cursor `next` of the previous page (an instance id)"), limit], tag="instances"),
   "post": op("Register an instance", dict({"201": answer("registered; `engine.reachable` says whether its engine answered", ref("Instance"))}, **ERR, **CONFLICT,
       **{"422": answer("its engine could not be started: nothing was registered", ref("Error"))}),
     body=jbody(ref("InstanceEntry")), tag="instances",
     desc="The body is an `instances` entry of the configuration file, as JSON, checked by the same rules. An external engine that does not answer "
          "is registered all the same and shown `unreachable`; a spawned engine that cannot be started is refused (422) and nothing is registered.")},
 "/api/instances/import": {"post": op("Register many instances in one call, all or none",
     dict({"201": answer("registered", ref("Registered"))}, **ERR, **CONFLICT, **{"422": answer("an engine could not be started: nothing was registered", ref("Error"))}),
     body=jbody(arr(ref("InstanceEntry")), "a JSON array of entries, or JSON lines (one entry per line, application/x-ndjson)", types=("application/json", "application/x-ndjson")),
     tag="instances", desc="Every entry is checked before any is registered; an error names the entry (`[17].engine.port`) and its line.")},
 "/api/instances/{id}": {
   "get": op("Show an instance", dict({"200": answer("the instance", ref("Instance"))}, **ERR, **NF), params=[p("id", "instance id")], tag="instances"),
   "put": op("Change an instance registered through the API", dict({"200": answer("the instance as it is now", ref("Instance"))}, **ERR, **NF, **CONFLICT),
     params=[p("id", "instance id")], body=jbody(ref("InstanceEntry"), "the whole entry; `id` may be left out"), tag="instances",
     desc="Name, region and how an external engine is reached may change; tenant, product, engine kind and spawn may not (400)."),
   "delete": op("Retire an instance registered through the API (history kept, spawned engine stopped)",
     dict({"200": answer("the retired instance", ref("Instance"))}, **ERR, **NF, **CONFLICT), params=[p("id", "instance id")], tag="instances")},
 "/api/operations": {"get": op("List operations, newest first", dict({"200": answer("a page of operations", page("Operation"))}, **ERR),
     params=[q("instance", "only this instance"), q("tenant", "only this tenant"),
             q("kind", "only this kind", {"type": "string", "enum": ["engine_password", "guest_password", "guest_stop", "guest_start"]}),
             q("state", "only this state", {"type": "string", "enum": ["requested", "queued", "running", "overlap", "succeeded", "failed", "refused"]}),
             q("action", "only this cloud action"), q("before", "the cursor `next` of the previous page (an operation id)", {"type": "integer"}), limit], tag="operations")},
 "/api/operations/{id}": {"get": op("Show an operation; with `wait`, answer once it has ended (long poll)",
     dict({"200": answer("the operation", ref("Operation"))}, **ERR, **NF),
     params=[p("id", "operation id", {"type": "integer"}), q("wait", "seconds to wait for its end, 0 to 60", {"type": "integer", "minimum": 0, "maximum": 60})], tag="operations")},
 "/api/operations/{id}/events": {"get": op("Follow an operation as server-sent events until it ends",
     dict({"200": answer("`event: operation` with the operation at once and at every change, then `event: end` with its final state", S, "text/event-stream")}, **ERR, **NF),
     params=[p("id", "operation id", {"type": "integer"})], tag="operations")},
 "/api/operations/{id}/old-password-use": {"get": op("During an overlap window: the clients that may still use the old password",
     dict({"200": answer("per node: connections opened before the change and since, logins refused since", ref("PasswordUse"))}, **ERR, **NF, **CONFLICT),
     params=[p("id", "operation id", {"type": "integer"})], tag="operations")},
 "/api/operations/{id}/finish-window": {"post": op("End an overlap window now: the old password stops working everywhere",
     dict({"200": answer("the operation, its window due now", ref("Operation"))}, **ERR, **NF, **CONFLICT),
     params=[p("id", "operation id", {"type": "integer"})], tag="operations")},
 "/api/operations/{id}/roll-back": {"post": op("Roll back within an overlap window: the previous password is put back everywhere",
     dict({"200": answer("the operation, its roll-back due now", ref("Operation"))}, **ERR, **NF, **CONFLICT),
     params=[p("id", "operation id", {"type": "integer"})], tag="operations")},
 "/api/audit": {"get": op("The audit trail, newest first", dict({"200": answer("a page of records", page("AuditRecord"))}, **ERR),
     params=audit_filters + [q("before", "the cursor `next` of the previous page (a record id)", {"type": "integer"}), limit], tag="audit")},
 "/api/audit/export": {"get": op("Every matching audit record as JSON lines, newest first",
     dict({"200": answer("one AuditRecord per line", ref("AuditRecord"), "application/x-ndjson")}, **ERR), params=audit_filters, tag="audit")},
}
for path, methods in paths.items():
    for m, o in methods.items():
        o["operationId"] = m + "".join(w[:1].upper() + w[1:] for w in path.replace("{", "").replace("}", "").replace(".", "/").replace("-", "/").split("/") if w)
        if not o["tags"]: del o["tags"]

engine = obj({
  "kind": {"type": "string", "enum": ["redis", "memcached", "guest"]}, "spawn": B, "host": S, "port": {"type": "integer"},
  "admin-user": S, "admin-password": dict(S, description="the engine's admin password; sealed at rest, never shown back"),
  "admin-password-env": dict(S, description="or: the name of an environment variable of the server holding it"),
  "password": dict(S, description="initial password of a spawned engine"), "user": S, "users": arr(S),
  "channel": dict(S, description="unix:/path/to/qga.sock of a real VM's guest agent")}, ["kind"])
schemas = {
 "Error": obj({"error": {"type": "string", "enum": ["bad-request", "unauthorized", "not-found", "no-route", "method-not-allowed", "conflict", "engine-unavailable", "too-large", "internal"]},
               "message": S, "field": dict(SN, description="the field or parameter at fault (`engine.port`, `[3].id`, `limit`)"), "request-id": S}, ["error", "message", "field", "request-id"]),
 "NewTenant": obj({"name": S}, ["name"]),
 "NewKey": obj({"cloud": {"type": "string", "enum": ["tencent", "aliyun", "huawei"]}, "project-id": dict(S, description="huawei only: 32 hex digits (made up when absent)")}, ["cloud"]),
 "Key": obj({"cloud": S, "key-id": S, "project-id": SN, "source": {"type": "string", "enum": ["config", "api"]}, "created-at": T}, ["cloud", "key-id", "project-id", "source", "created-at"]),
 "Tenant": obj({"name": S, "source": {"type": "string", "enum": ["config", "api"]}, "created-at": T, "keys": arr(ref("Key"))}, ["name", "source", "created-at", "keys"]),
 "CreatedKey": obj({"tenant": S, "cloud": S, "key-id": S, "secret": dict(S, description="shown in this answer only"), "project-id": SN, "created-at": T, "revoked": SN},
                   ["tenant", "cloud", "key-id", "secret", "project-id", "created-at", "revoked"]),
 "Revoked": obj({"tenant": S, "cloud": S, "key-id": S, "source": S, "note": SN}, ["tenant", "cloud", "key-id", "source", "note"]),
 "InstanceEntry": obj({"id": S, "tenant": S, "product": {"type": "string", "enum": ["tencent-redis", "tencent-cvm", "aliyun-redis", "huawei-dcs"]},
   "region": S, "name": S, "os": {"type": "string", "enum": ["linux", "windows"]}, "image": S, "state": S, "engine-version": S, "user": S, "engine": engine},
   ["id", "tenant", "product", "engine"]),
 "Engine": obj({"kind": S, "spawn": {"type": "boolean", "nullable": True}, "host": SN, "port": {"type": "integer"}, "owner-node": SN,
   "attached-here": B, "reachable": {"type": "boolean", "nullable": True}, "problem": SN, "checked-at": TN, "version": SN,
   "admin-user": SN, "user": SN, "users": {"type": "array", "items": S, "nullable": True}, "channel": SN},
   ["kind", "spawn", "host", "port", "owner-node", "attached-here", "reachable", "problem", "checked-at", "version", "admin-user", "user", "users", "channel"]),
 "Lock": obj({"failures": {"type": "integer"}, "locked": B, "locked-until": TN}, ["failures", "locked", "locked-until"]),
 "Latest": obj({"id": I, "action": S, "state": {"type": "string", "enum": ["operating", "success", "failed"]}, "request-id": SN, "message": SN},
               ["id", "action", "state", "request-id", "message"]),
 "Cvm": obj({"state": S, "os": S, "image": S, "stop-charging-mode": S}, ["state", "os", "image", "stop-charging-mode"]),
 "Instance": obj({"id": S, "tenant": S, "product": S, "region": S, "name": S, "source": {"type": "string", "enum": ["config", "api"]},
   "state": {"type": "string", "enum": ["active", "retired"]},
   "status": {"type": "string", "enum": ["retired", "busy", "locked", "unreachable", "remote", "ready", "unknown"]},
   "engine": ref("Engine"), "active-operation": IN, "lock": ref("Lock"),
   "latest-operation": dict(ref("Latest")), "cvm": dict(ref("Cvm")), "created-at": T},
   ["id", "tenant", "product", "region", "name", "source", "state", "status", "engine", "active-operation", "lock", "latest-operation", "cvm", "created-at"]),
 "Registered": obj({"registered": {"type": "integer"}, "ids": arr(S)}, ["registered", "ids"]),
 "Operation": obj({"id": I, "instance": S, "tenant": S, "kind": S, "action": S, "request-id": SN,
   "state": {"type": "string", "enum": ["requested", "queued", "running", "overlap", "succeeded", "failed", "refused"]}, "finished": B, "applier-node": SN,
   "lease": {"type": "object", "nullable": True, "properties": {"owner": SN, "epoch": I}, "additionalProperties": False},
   "created-at": T, "finished-at": TN,
   "result": obj({"message": SN, "error-code": SN, "error-detail": {"type": "integer", "nullable": True}, "proofs": arr(ref("Proof"))}, ["message", "error-code", "error-detail", "proofs"]),
   "window": {"type": "object", "nullable": True, "description": "the overlap window of a password change, null without one",
              "properties": {"overlap": S, "due-at": TN, "roll-back": B}, "additionalProperties": False}},
   ["id", "instance", "tenant", "kind", "action", "request-id", "state", "finished", "applier-node", "lease", "created-at", "finished-at", "result", "window"]),
 "Proof": obj({"stage": {"type": "string", "enum": ["change", "window"]}, "summary": S, "at": TN,
   "nodes": {"type": "array", "nullable": True, "items": ref("NodeLogin")}}, ["stage", "summary", "at", "nodes"]),
 "NodeLogin": obj({"address": S, "role": S, "next": {"type": "string", "enum": ["accepted", "refused", "unreachable", "not_checked"]},
   "old": {"type": "string", "enum": ["accepted", "refused", "unreachable", "not_checked"]}}, ["address", "role", "next", "old"]),
 "PasswordUse": obj({"at": T, "connections-from-before-the-change": {"type": "integer"}, "refused-logins": {"type": "integer"},
   "nodes": arr(ref("NodeUse"))}, ["at", "connections-from-before-the-change", "refused-logins", "nodes"]),
 "NodeUse": obj({"address": S, "opened-before-change": {"type": "integer"}, "opened-since-change": {"type": "integer"},
   "refused-logins": {"type": "integer"}, "refused-from": arr(S)}, ["address", "opened-before-change", "opened-since-change", "refused-logins", "refused-from"]),
 "AuditRecord": obj({"id": I, "at": T, "tenant": SN, "actor": SN, "action": S, "instance": SN, "outcome": SN,
   "outcome-code": {"type": "string", "nullable": True, "enum": ["accepted", "refused", "succeeded", "failed", "ok", "denied", None]},
   "request-id": SN, "source-address": SN},
   ["id", "at", "tenant", "actor", "action", "instance", "outcome", "outcome-code", "request-id", "source-address"]),
}
# a nullable $ref needs allOf in OpenAPI 3.0
for name in ("latest-operation", "cvm"):
    s = schemas["Instance"]["properties"][name]
    schemas["Instance"]["properties"][name] = {"allOf": [s], "nullable": True}

doc = {"openapi": "3.0.3",
       "info": {"title": "Rekey admin API", "version": "1",
                "description": "Tenants and keys, instances, operations and the audit trail of a Rekey node. Every /api/ route needs "
                               "`Authorization: Bearer <token>` (the token is in <data>/admin.token unless server.admin-token-file says otherwise). "
                               "Keys are in kebab case; times are ISO-8601 UTC; errors are an Error object."},
       "servers": [{"url": "http://127.0.0.1:8081"}],
       "security": [{"bearer": []}],
       "paths": paths,
       "components": {"securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}}, "schemas": schemas}}
out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "server", "src", "main", "resources", "dev", "rekey", "server", "admin", "openapi.json")
with open(out, "w") as f:
    json.dump(doc, f, indent=2)
    f.write("\n")
