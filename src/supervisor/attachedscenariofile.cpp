#include "supervisor/attachedscenariofile.h"

#include "supervisor/networkdiscovery.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QEventLoop>
#include <QFileInfo>
#include <QSaveFile>
#include <QStandardPaths>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Supervisor {

QString AttachedScenarioFile::defaultPath(const QStringList &controlUrls)
{
    // Named after the nodes' endpoints, not the tokens, so a new token does not lose
    // the layout; sorted, so the order of the URLs does not matter.
    QStringList endpoints;
    for (const QString &url : controlUrls) {
        QString error;
        if (const std::optional<Scenario::RemoteNode> remote = Scenario::RemoteNode::fromControlUrl(url, &error))
            endpoints.append(remote->host + u':' + QString::number(remote->controlPort));
    }
    std::sort(endpoints.begin(), endpoints.end());
    endpoints.removeDuplicates();
    const QByteArray digest = QCryptographicHash::hash(endpoints.join(u'\n').toUtf8(), QCryptographicHash::Sha256);
    const QString data = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    return QDir(data).filePath(u"attached/network-%1.yaml"_s.arg(QString::fromLatin1(digest.toHex().left(10))));
}

bool AttachedScenarioFile::write(const QString &path, const QList<Scenario::DiscoveredNode> &nodes,
                                 QStringList *warnings, QString *error)
{
    const Scenario::AttachedNetwork network(nodes);
    warnings->append(network.warnings());
    if (!QDir().mkpath(QFileInfo(path).absolutePath())) {
        *error = u"cannot create the folder %1"_s.arg(QFileInfo(path).absolutePath());
        return false;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = u"cannot write %1: %2"_s.arg(path, file.errorString());
        return false;
    }
    const QString name = u"Attached network (%1 nodes)"_s.arg(nodes.size());
    file.write(network.toYaml(name, QDateTime::currentDateTime()));
    if (!file.commit()) {
        *error = u"cannot write %1: %2"_s.arg(path, file.errorString());
        return false;
    }
    return true;
}

bool AttachedScenarioFile::discoverAndWrite(const QStringList &controlUrls, const QString &path, int timeoutMs,
                                            QStringList *warnings, QString *error)
{
    NetworkDiscovery discovery;
    QEventLoop loop;
    QObject::connect(&discovery, &NetworkDiscovery::finished, &loop, &QEventLoop::quit);
    if (!discovery.start(controlUrls, timeoutMs, error))
        return false;
    loop.exec();
    warnings->append(discovery.problems());
    if (discovery.nodes().isEmpty()) {
        *error = u"no node answered"_s;
        return false;
    }
    return write(path, discovery.nodes(), warnings, error);
}

} // namespace Portolan::Supervisor
