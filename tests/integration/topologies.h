#pragma once

#include "meshfixture.h"

namespace Portolan::Test {

// The mesh most integration tests stand on: three interior routers in a full mesh (two
// cheap links, one expensive), four edge routers with two uplinks each (a preferred
// cheap one and a dearer backup), e1 serving HTTP.
//
//         r1 ---1--- r2
//          \        /
//           5      1
//            \    /
//              r3
//   e1: r1(1) r2(3)   e2: r2(1) r3(3)   e3: r3(1) r1(3)   e4: r1(1) r3(3)
inline void buildThreeInteriorMesh(MeshFixture &mesh)
{
    mesh.router(QStringLiteral("r1"));
    mesh.router(QStringLiteral("r2"));
    mesh.router(QStringLiteral("r3"));
    mesh.link(QStringLiteral("r1"), QStringLiteral("r2"), 1, QStringLiteral("cheapnet"));
    mesh.link(QStringLiteral("r2"), QStringLiteral("r3"), 1, QStringLiteral("cheapnet"));
    mesh.link(QStringLiteral("r1"), QStringLiteral("r3"), 5, QStringLiteral("premium"));
    const QList<std::pair<const char *, std::pair<const char *, const char *>>> edges{
        {"e1", {"r1", "r2"}}, {"e2", {"r2", "r3"}}, {"e3", {"r3", "r1"}}, {"e4", {"r1", "r3"}}};
    for (const auto &[edge, uplinks] : edges) {
        const QString id = QString::fromLatin1(edge);
        mesh.router(id, QStringLiteral("edge"), id == QLatin1StringView("e1"));
        mesh.link(id, QString::fromLatin1(uplinks.first), 1, QStringLiteral("cheapnet"));
        mesh.link(id, QString::fromLatin1(uplinks.second), 3, QStringLiteral("premium"));
    }
    mesh.distribute(QStringLiteral("/all-stores"), QStringLiteral("multicast"));
    mesh.distribute(QStringLiteral("/factories"), QStringLiteral("balanced"));
    mesh.distribute(QStringLiteral("/jobs"), QStringLiteral("balanced"));
    mesh.distribute(QStringLiteral("/positions"), QStringLiteral("unacked"));
}

} // namespace Portolan::Test
