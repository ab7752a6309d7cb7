#pragma once

// Telemetry snapshots shaped as docs/protocol.md 2.11 describes them, shared by the
// inspector and chart tests.

#include <QJsonDocument>
#include <QJsonObject>

namespace TelemetrySamples {

inline QJsonObject parse(const char *json)
{
    return QJsonDocument::fromJson(QByteArray(json)).object();
}

inline QJsonObject router()
{
    return parse(R"j({"node":"r1","role":"interior","kind":"interior","version":"0.1.0","state":"up","uptimeMs":81234,
      "links":{"r2":{"state":"up","cost":1,"provider":"aws","latencyMs":0,"kind":"interior",
                     "framesIn":10234,"framesOut":10101,"rateIn":310,"rateOut":305},
               "r3":{"state":"cut","cost":4,"provider":"premium","latencyMs":20}},
      "entities":{"store-32":{"framesIn":120,"framesOut":118}},
      "queues":{"/store/32":3,"/all-stores":2},
      "routes":{"r2":{"nextHop":"r2","cost":1},"r3":{"nextHop":"","cost":-1},"r4":{"nextHop":"r2","cost":3}},
      "httpPort":8080,
      "counters":{"received":10,"forwarded":12,"delivered":3,"acked":9,"resent":0,"dropped":0,"noConsumer":1,
                  "expired":0,"inFlight":5}})j");
}

inline QJsonObject store()
{
    return parse(R"j({"node":"store-32","role":"store","kind":"entity","version":"0.1.0","state":"up","uptimeMs":80110,
      "router":"r1",
      "links":{"r1":{"state":"up","kind":"interior","framesIn":118,"framesOut":120}},
      "queues":{"/store/32":1},
      "subscriptions":[{"address":"/store/32","group":"","capacity":0},{"address":"/all-stores","group":"shops","capacity":5}],
      "counters":{"received":4,"handled":4,"duplicates":0,"expired":0,"sent":1,"settled":1,"refused":0,"resent":0,
                  "unsettled":0},
      "data":{"store":32,"inventory":{"cutlass":4,"parrot":0},"holds":1,"position":[420,300]}})j");
}

inline QJsonObject factory()
{
    return parse(R"j({"node":"factory-1","role":"factory","kind":"entity","version":"0.1.0","state":"up","uptimeMs":5000,
      "router":"r2","links":{"r2":{"state":"up","kind":"interior","framesIn":10,"framesOut":12}},
      "queues":{"/factories/orders":2},
      "subscriptions":[{"address":"/factories/orders","group":"","capacity":10}],
      "counters":{"received":2,"handled":2},
      "data":{"factory":1,"backlog":2,"built":7,"buildMs":1000,"capacity":10,"building":"T-9","awaitingTruck":0,
              "position":[100,100]}})j");
}

} // namespace TelemetrySamples
