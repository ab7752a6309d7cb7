#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace Portolan::Scenario {

// Where a node that runs on another host can be reached: its control WebSocket (the
// console attaches there instead of starting a process) and, for a router that local
// nodes dial, its link address. Written in a scenario as
//   attach: ws://HOST:CONTROL_PORT/?token=TOKEN
//   link: HOST:LINK_PORT            (routers only, when a local node dials them)
struct RemoteNode
{
    QString host;
    quint16 controlPort = 0;
    QByteArray token;
    QString linkHost;
    quint16 linkPort = 0;

    bool isRemote() const { return controlPort != 0; }
    bool hasLinkAddress() const { return linkPort != 0; }
    // The control URL as written, token included: ws://host:port/?token=...
    QString controlUrl() const;

    // Reads a control URL; nullopt with *error saying what is wrong (scheme, host, port,
    // token) otherwise.
    static std::optional<RemoteNode> fromControlUrl(const QString &url, QString *error);
    // Reads "host:port" (an IPv6 host in brackets: "[::1]:7001") into the link address.
    bool setLinkAddress(const QString &hostPort, QString *error);

    friend bool operator==(const RemoteNode &, const RemoteNode &) = default;
};

} // namespace Portolan::Scenario
