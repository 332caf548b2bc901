package io.triadwatch.analyzer;

import io.triadwatch.serde.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Canonical event JSON for tests, built field by field as a producer would send it. */
final class Events {
    private Events() {
    }

    static Map<String, Object> base(String id, String kind, String occurredAt) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("id", id);
        e.put("kind", kind);
        e.put("occurredAt", occurredAt);
        e.put("source", Map.of("name", "test"));
        e.put("summary", "test event " + id);
        return e;
    }

    static String json(Map<String, Object> fields) {
        return Json.string(fields);
    }

    static String summit(String id, String date, String level, String... participants) {
        Map<String, Object> e = base(id, "SUMMIT", date);
        e.put("participants", List.of(participants));
        e.put("level", level);
        return json(e);
    }

    static String treaty(String id, String date, String type, String... parties) {
        Map<String, Object> e = base(id, "TREATY", date);
        e.put("parties", List.of(parties));
        e.put("treatyType", type);
        return json(e);
    }

    static String coded(String id, String date, String a1, String a2, String cameo, Double goldstein) {
        Map<String, Object> e = base(id, "CODED", date);
        e.put("actor1", a1);
        e.put("actor2", a2);
        e.put("cameo", cameo);
        if (goldstein != null) {
            e.put("goldstein", goldstein);
        }
        return json(e);
    }

    static String withConfidence(String json, double confidence) {
        return json.replaceFirst("\"occurredAt\"", "\"confidence\":" + confidence + ",\"occurredAt\"");
    }

    static String violation(String id, String date, String violator, String counterparty) {
        Map<String, Object> e = base(id, "SANCTIONS_VIOLATION", date);
        e.put("violator", violator);
        e.put("counterparty", counterparty);
        e.put("regime", "UNSC_1718");
        return json(e);
    }

    static String exercise(String id, String date, String target, String... parties) {
        Map<String, Object> e = base(id, "MILITARY_EXERCISE", date);
        e.put("parties", List.of(parties));
        if (target != null) {
            e.put("target", target);
        }
        return json(e);
    }

    static String statement(String id, String date, String subject, List<String> added, List<String> removed, String... parties) {
        Map<String, Object> e = base(id, "JOINT_STATEMENT", date);
        e.put("parties", List.of(parties));
        if (subject != null) {
            e.put("subject", subject);
        }
        if (!added.isEmpty()) {
            e.put("termsAdded", added);
        }
        if (!removed.isEmpty()) {
            e.put("termsRemoved", removed);
        }
        return json(e);
    }

    static String vote(String id, String date, String subject, String yesMeans, String outcome, Map<String, String> votes) {
        Map<String, Object> e = base(id, "UN_VOTE", date);
        e.put("body", "UNSC");
        e.put("draft", "S/" + id);
        if (subject != null) {
            e.put("subject", subject);
        }
        if (yesMeans != null) {
            e.put("yesMeans", yesMeans);
        }
        e.put("outcome", outcome);
        e.put("votes", votes);
        return json(e);
    }

    /** A visit whose delegation is given by {@code delegation} (head, officialId, tier, rank, rankOf as present). */
    static String visit(String id, String date, String host, String guest, String occasion, Map<String, Object> delegation) {
        Map<String, Object> e = base(id, "DELEGATION_VISIT", date);
        e.put("host", host);
        e.put("guest", guest);
        if (occasion != null) {
            e.put("occasion", occasion);
        }
        e.put("delegation", delegation);
        return json(e);
    }

    static Map<String, Object> head(String name, String officialId, String tier, Integer rank, Integer rankOf) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("head", name);
        if (officialId != null) {
            d.put("officialId", officialId);
        }
        if (tier != null) {
            d.put("tier", tier);
        }
        if (rank != null) {
            d.put("rank", rank);
        }
        if (rankOf != null) {
            d.put("rankOf", rankOf);
        }
        return d;
    }

    static String official(String id, String name, String country, String tier, Integer rank, Integer rankOf, String validFrom, String validTo) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("id", id);
        o.put("name", name);
        o.put("country", country);
        o.put("office", "office of " + name);
        o.put("tier", tier);
        if (rank != null) {
            o.put("rank", rank);
            o.put("rankOf", rankOf);
        }
        o.put("validFrom", validFrom);
        if (validTo != null) {
            o.put("validTo", validTo);
        }
        return Json.string(o);
    }

    static String triad(String id, String pivot) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("id", id);
        t.put("actors", List.of(id.split("-")));
        if (pivot != null) {
            t.put("pivot", pivot);
        }
        return Json.string(t);
    }
}
