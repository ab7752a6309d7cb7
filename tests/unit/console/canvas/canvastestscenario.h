#pragma once

#include "scenario/scenario.h"

#include <QColor>

// A small hand-made network shared by the canvas tests:
//   providers cheap (cost 1, blue) and premium (cost 4, orange), an 800 x 600 map
//   interior c1, c2 (cheap), p1 (premium); edge e1 -> c1, p1 (premium); e2 -> c2 (cost 3)
//   links c1-c2 (cheap, default cost), c2-p1 (premium, cost 5)
//   entities store-1 @e1, truck-1 @e2 (backup e1), gen-1 @e1 (generator), worker-1 @e2,
//   sensor-1 @e2 (a role the canvas does not know: a generic device)
inline Portolan::Scenario::Scenario canvasTestScenario(const QString &mapImage = QString())
{
    using namespace Portolan::Scenario;
    Scenario s;
    s.name = QStringLiteral("canvas test");
    s.providers = {Provider{QStringLiteral("cheap"), 1, QColor(0x2e, 0x86, 0xde), {}},
                   Provider{QStringLiteral("premium"), 4, QColor(0xe6, 0x7e, 0x22), {}}};
    s.map.image = mapImage;
    s.map.width = 800;
    s.map.height = 600;

    const auto router = [](const QString &id, const QString &kind, const QString &provider, QPointF pos,
                           QList<Uplink> uplinks = {}) {
        Router r;
        r.id = id;
        r.kind = kind;
        r.provider = provider;
        r.position = pos;
        r.uplinks = uplinks;
        return r;
    };
    s.routers = {
        router(QStringLiteral("c1"), QStringLiteral("interior"), QStringLiteral("cheap"), {100, 100}),
        router(QStringLiteral("c2"), QStringLiteral("interior"), QStringLiteral("cheap"), {400, 100}),
        router(QStringLiteral("p1"), QStringLiteral("interior"), QStringLiteral("premium"), {250, 450}),
        router(QStringLiteral("e1"), QStringLiteral("edge"), QStringLiteral("cheap"), {100, 300},
               {Uplink{QStringLiteral("c1"), -1, {}}, Uplink{QStringLiteral("p1"), -1, QStringLiteral("premium")}}),
        router(QStringLiteral("e2"), QStringLiteral("edge"), QStringLiteral("cheap"), {400, 300},
               {Uplink{QStringLiteral("c2"), 3, {}}}),
    };
    s.routers[0].label = QStringLiteral("Cheap west");

    const auto link = [](const QString &a, const QString &b, const QString &provider, int cost) {
        Link l;
        l.from = a;
        l.to = b;
        l.provider = provider;
        l.cost = cost;
        return l;
    };
    s.links = {link(QStringLiteral("c1"), QStringLiteral("c2"), QStringLiteral("cheap"), -1),
               link(QStringLiteral("c2"), QStringLiteral("p1"), QStringLiteral("premium"), 5)};

    const auto entity = [](const QString &id, const QString &role, QStringList routers, QPointF pos) {
        Entity e;
        e.id = id;
        e.role = role;
        e.routers = routers;
        e.position = pos;
        return e;
    };
    s.entities = {
        entity(QStringLiteral("store-1"), QStringLiteral("store"), {QStringLiteral("e1")}, {100, 360}),
        entity(QStringLiteral("truck-1"), QStringLiteral("truck"), {QStringLiteral("e2"), QStringLiteral("e1")},
               {400, 360}),
        entity(QStringLiteral("gen-1"), QStringLiteral("generator"), {QStringLiteral("e1")}, {40, 330}),
        entity(QStringLiteral("worker-1"), QStringLiteral("worker"), {QStringLiteral("e2")}, {470, 330}),
        entity(QStringLiteral("sensor-1"), QStringLiteral("thermometer"), {QStringLiteral("e2")}, {470, 270}),
    };
    return s;
}
