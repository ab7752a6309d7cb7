#pragma once

#include <QObject>
#include <QPoint>
#include <QString>

class QMenu;
class QWidget;

namespace Portolan::Console {

class ConsoleSession;

// The operator's right-click menus on the canvas: a node (fail / restore, kill / restart,
// upgrade, remove, explain, send from here), a link (cut, cut silently, restore, cost,
// latency) and a provider (take down / bring up). Every choice becomes a session action,
// and its outcome is reported with acted().
class OperatorMenus : public QObject
{
    Q_OBJECT
public:
    OperatorMenus(ConsoleSession *session, QWidget *dialogParent);

    // The menus, built for the current state; the caller owns and shows them. Tests
    // trigger their actions directly.
    QMenu *nodeMenu(const QString &id);
    QMenu *linkMenu(const QString &a, const QString &b);
    QMenu *providerMenu(const QString &provider);

    void showNodeMenu(const QString &id, const QPoint &screenPos);
    void showLinkMenu(const QString &a, const QString &b, const QPoint &screenPos);
    void showProviderMenu(const QString &provider, const QPoint &screenPos);

    // The next version for a rolling upgrade: "0.1.0" -> "0.2.0".
    static QString nextVersion(const QString &version);

Q_SIGNALS:
    void acted(const QString &message, bool ok);
    void inspectRequested(const QString &id);
    void explainRequested(const QString &router);
    void sendRequested(const QString &router);

private:
    void act(const QString &action, const QJsonObject &args);
    void show(QMenu *menu, const QPoint &screenPos);

    ConsoleSession *m_session;
    QWidget *m_dialogParent;
};

} // namespace Portolan::Console
