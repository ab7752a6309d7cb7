#include "console/operatormenus.h"

#include "console/session/consolesession.h"

#include <QInputDialog>
#include <QJsonArray>
#include <QMenu>
#include <QVersionNumber>

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Console {

OperatorMenus::OperatorMenus(ConsoleSession *session, QWidget *dialogParent)
    : QObject(dialogParent)
    , m_session(session)
    , m_dialogParent(dialogParent)
{
}

QString OperatorMenus::nextVersion(const QString &version)
{
    const QVersionNumber current = QVersionNumber::fromString(version);
    if (current.isNull())
        return u"0.2.0"_s;
    return QVersionNumber(current.majorVersion(), current.minorVersion() + 1, 0).toString();
}

void OperatorMenus::act(const QString &action, const QJsonObject &args)
{
    QString detail;
    const bool ok = m_session->act(action, args, &detail);
    Q_EMIT acted(detail, ok);
}

QMenu *OperatorMenus::nodeMenu(const QString &id)
{
    auto *menu = new QMenu(m_dialogParent);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->setToolTipsVisible(true);
    const QString kind = m_session->kindOf(id);
    const NodeStatus status = m_session->status(id);
    const bool running = m_session->isRunning();
    const bool router = kind == "interior"_L1 || kind == "edge"_L1;
    // A node attached on another host belongs to that host's service manager: the console
    // can fail, restore and command it, not kill, start or replace its process.
    const QString remoteHost = m_session->remoteHost(id);
    const bool local = remoteHost.isEmpty();
    const QString hostOwnsIt =
        local ? QString() : tr("%1 runs on %2: start, stop and upgrade it there (systemctl)").arg(id, remoteHost);
    menu->addSection(local ? id : tr("%1 on %2").arg(id, remoteHost));

    menu->addAction(tr("&Inspect"), this, [this, id] { Q_EMIT inspectRequested(id); });
    menu->addSeparator();
    QAction *fail = menu->addAction(tr("&Fail"), this, [this, id] { act(u"fail-node"_s, {{u"node"_s, id}}); });
    fail->setToolTip(tr("The node goes dark: its links close and it refuses new ones"));
    fail->setEnabled(running && status == NodeStatus::Up);
    QAction *restore = menu->addAction(tr("&Restore"), this, [this, id] { act(u"restore-node"_s, {{u"node"_s, id}}); });
    restore->setEnabled(running && status == NodeStatus::Failed);
    QAction *kill = menu->addAction(tr("&Kill (SIGKILL)"), this, [this, id] { act(u"kill-node"_s, {{u"node"_s, id}}); });
    kill->setToolTip(tr("Kill the process without warning; what it acknowledged survives on disk"));
    kill->setEnabled(local && running && status != NodeStatus::Down);
    QAction *restart = menu->addAction(tr("Re&start"), this, [this, id] { act(u"restart-node"_s, {{u"node"_s, id}}); });
    restart->setEnabled(local && running && status == NodeStatus::Down);
    QAction *upgrade = menu->addAction(tr("&Upgrade…"), this, [this, id] {
        const QString current = m_session->telemetry(id).value("version"_L1).toString();
        bool ok = false;
        const QString version = QInputDialog::getText(m_dialogParent, tr("Upgrade %1").arg(id),
                                                      tr("Drain %1, then restart it as version:").arg(id),
                                                      QLineEdit::Normal, nextVersion(current), &ok);
        if (ok && !version.trimmed().isEmpty())
            act(u"upgrade-node"_s, {{u"node"_s, id}, {u"version"_s, version.trimmed()}});
    });
    upgrade->setToolTip(tr("Rolling upgrade: the node finishes its work, exits, and comes back on the new version"));
    upgrade->setEnabled(local && running && status == NodeStatus::Up);
    if (router) {
        menu->addSeparator();
        QAction *explain = menu->addAction(tr("E&xplain Routing From Here…"), this, [this, id] { Q_EMIT explainRequested(id); });
        explain->setEnabled(running);
        QAction *send = menu->addAction(tr("Send Request &From Here…"), this, [this, id] { Q_EMIT sendRequested(id); });
        send->setEnabled(running);
    } else {
        menu->addSeparator();
        QAction *remove = menu->addAction(tr("Re&move"), this, [this, id] { act(u"remove-node"_s, {{u"node"_s, id}}); });
        remove->setToolTip(tr("Stop the process for good"));
        remove->setEnabled(local && running && status != NodeStatus::Down);
        if (!local)
            remove->setToolTip(hostOwnsIt);
    }
    if (!local) {
        for (QAction *action : {kill, restart, upgrade})
            action->setToolTip(hostOwnsIt);
    }
    return menu;
}

QMenu *OperatorMenus::linkMenu(const QString &a, const QString &b)
{
    auto *menu = new QMenu(m_dialogParent);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->setToolTipsVisible(true);
    const bool running = m_session->isRunning();
    const QJsonArray link{a, b};
    menu->addSection(tr("Link %1 – %2").arg(a, b));
    QAction *cut = menu->addAction(tr("&Cut"), this, [this, link] { act(u"cut-link"_s, {{u"link"_s, link}}); });
    cut->setToolTip(tr("Close the connection: both ends notice at once"));
    QAction *silent = menu->addAction(tr("Cut &Silently"), this, [this, link] {
        act(u"cut-link"_s, {{u"link"_s, link}, {u"silent"_s, true}});
    });
    silent->setToolTip(tr("Stop all traffic but keep the socket: the far end must notice missed hellos"));
    QAction *restore = menu->addAction(tr("&Restore"), this, [this, link] { act(u"restore-link"_s, {{u"link"_s, link}}); });
    menu->addSeparator();
    QAction *cost = menu->addAction(tr("Set C&ost…"), this, [this, a, b, link] {
        bool ok = false;
        const int value = QInputDialog::getInt(m_dialogParent, tr("Link cost"), tr("Cost of %1 – %2:").arg(a, b), 1, 0,
                                               1000000, 1, &ok);
        if (ok)
            act(u"set-cost"_s, {{u"link"_s, link}, {u"cost"_s, value}});
    });
    QAction *latency = menu->addAction(tr("Add &Latency…"), this, [this, a, b, link] {
        bool ok = false;
        const int ms = QInputDialog::getInt(m_dialogParent, tr("Link latency"),
                                            tr("Delay everything on %1 – %2 by (ms):").arg(a, b), 50, 0, 60000, 10, &ok);
        if (ok)
            act(u"set-latency"_s, {{u"link"_s, link}, {u"ms"_s, ms}});
    });
    for (QAction *action : {cut, silent, restore, cost, latency})
        action->setEnabled(running);
    return menu;
}

QMenu *OperatorMenus::providerMenu(const QString &provider)
{
    auto *menu = new QMenu(m_dialogParent);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    const bool running = m_session->isRunning();
    menu->addSection(tr("Provider %1").arg(provider));
    QAction *down = menu->addAction(tr("Take &Down"), this, [this, provider] {
        act(u"provider-down"_s, {{u"provider"_s, provider}});
    });
    QAction *up = menu->addAction(tr("Bring &Up"), this, [this, provider] {
        act(u"provider-up"_s, {{u"provider"_s, provider}});
    });
    down->setEnabled(running);
    up->setEnabled(running);
    return menu;
}

void OperatorMenus::show(QMenu *menu, const QPoint &screenPos)
{
    menu->popup(screenPos);
}

void OperatorMenus::showNodeMenu(const QString &id, const QPoint &screenPos)
{
    show(nodeMenu(id), screenPos);
}

void OperatorMenus::showLinkMenu(const QString &a, const QString &b, const QPoint &screenPos)
{
    show(linkMenu(a, b), screenPos);
}

void OperatorMenus::showProviderMenu(const QString &provider, const QPoint &screenPos)
{
    show(providerMenu(provider), screenPos);
}

} // namespace Portolan::Console
