#include "console/attachflow.h"

#include "supervisor/attachedscenariofile.h"
#include "supervisor/networkdiscovery.h"

#include <QInputDialog>
#include <QProgressDialog>
#include <QSettings>

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Console {

namespace {
constexpr int AttachTimeoutMs = 10000;
}

AttachFlow::AttachFlow(QWidget *dialogParent)
    : QObject(dialogParent)
    , m_dialogParent(dialogParent)
{
}

AttachFlow::~AttachFlow() = default;

bool AttachFlow::isAttaching() const
{
    return m_discovery && m_discovery->isRunning();
}

void AttachFlow::ask()
{
    if (isAttaching())
        return;
    const QString last = QSettings().value(u"attachUrls"_s).toStringList().join(u'\n');
    bool ok = false;
    const QString text = QInputDialog::getMultiLineText(
        m_dialogParent, tr("Attach to Running Nodes"),
        tr("Control URLs of the nodes, one per line (ws://HOST:PORT/?token=TOKEN).\n"
           "The network found is saved as a scenario and opened."),
        last, &ok);
    if (!ok)
        return;
    QStringList urls;
    const QStringList lines = text.split(u'\n');
    for (const QString &line : lines) {
        if (!line.trimmed().isEmpty())
            urls.append(line.trimmed());
    }
    attach(urls);
}

bool AttachFlow::attach(const QStringList &controlUrls)
{
    if (isAttaching())
        return false;
    m_discovery = std::make_unique<Supervisor::NetworkDiscovery>();
    connect(m_discovery.get(), &Supervisor::NetworkDiscovery::finished, this, &AttachFlow::onDiscovered,
            Qt::QueuedConnection);
    QString error;
    if (!m_discovery->start(controlUrls, AttachTimeoutMs, &error)) {
        m_discovery.reset();
        Q_EMIT failed(error, {});
        return false;
    }
    m_urls = controlUrls;
    QSettings().setValue(u"attachUrls"_s, controlUrls);
    m_progress = new QProgressDialog(tr("Attaching to %n node(s)…", nullptr, int(controlUrls.size())), QString(), 0, 0,
                                     m_dialogParent);
    m_progress->setWindowTitle(tr("Attach to Running Nodes"));
    m_progress->setAttribute(Qt::WA_DeleteOnClose);
    m_progress->setMinimumDuration(300);
    return true;
}

void AttachFlow::onDiscovered()
{
    if (m_progress)
        m_progress->close();
    QStringList warnings = m_discovery->problems();
    const auto nodes = m_discovery->nodes();
    m_discovery.reset();
    if (nodes.isEmpty()) {
        Q_EMIT failed(tr("No node answered."), warnings);
        return;
    }
    const QString file = Supervisor::AttachedScenarioFile::defaultPath(m_urls);
    QString error;
    if (!Supervisor::AttachedScenarioFile::write(file, nodes, &warnings, &error)) {
        Q_EMIT failed(error, warnings);
        return;
    }
    Q_EMIT networkReady(file, warnings);
}

} // namespace Portolan::Console
