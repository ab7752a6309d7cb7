#include "console/sendrequestdialog.h"

#include "console/session/consolesession.h"
#include "ui_sendrequestdialog.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QPushButton>

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Console {

SendRequestDialog::SendRequestDialog(ConsoleSession *session, QWidget *parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::SendRequestDialog>())
    , m_session(session)
{
    m_ui->setupUi(this);
    m_ui->methodBox->addItems({u"GET"_s, u"POST"_s, u"PUT"_s, u"DELETE"_s});
    m_answers.setHorizontalHeaderLabels({tr("From"), tr("Status"), tr("Path"), tr("Answer")});
    m_ui->answersView->setModel(&m_answers);
    QPushButton *sendButton = m_ui->buttons->addButton(tr("&Send"), QDialogButtonBox::ActionRole);
    sendButton->setDefault(true);
    QPushButton *traceButton = m_ui->buttons->addButton(tr("Show &Trace"), QDialogButtonBox::ActionRole);
    traceButton->setEnabled(false);
    connect(sendButton, &QPushButton::clicked, this, &SendRequestDialog::send);
    connect(traceButton, &QPushButton::clicked, this, [this] { Q_EMIT traceRequested(m_requestId); });
    connect(m_ui->buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_session, &ConsoleSession::eventRecorded, this, &SendRequestDialog::onEvent);
    m_traceButton = traceButton;
    fillRouters();
}

SendRequestDialog::~SendRequestDialog() = default;

void SendRequestDialog::fillRouters()
{
    m_ui->routerBox->clear();
    if (!m_session->hasScenario())
        return;
    for (const Scenario::Router &r : m_session->scenario().routers)
        m_ui->routerBox->addItem(r.label.isEmpty() ? r.id : u"%1 — %2"_s.arg(r.id, r.label), r.id);
}

void SendRequestDialog::setRouter(const QString &router)
{
    const int index = m_ui->routerBox->findData(router);
    if (index >= 0)
        m_ui->routerBox->setCurrentIndex(index);
}

void SendRequestDialog::setAddress(const QString &address)
{
    m_ui->addressEdit->setText(address);
}

void SendRequestDialog::send()
{
    const QString router = m_ui->routerBox->currentData().toString();
    const QString address = m_ui->addressEdit->text().trimmed();
    if (!address.startsWith(u'/')) {
        m_ui->summaryLabel->setText(tr("The address must start with “/”, for example /all-stores/inventory."));
        return;
    }
    QJsonObject args{{u"address"_s, address}, {u"method"_s, m_ui->methodBox->currentText().trimmed().toUpper()},
                     {u"trace"_s, m_ui->traceBox->isChecked()}};
    const QString body = m_ui->bodyEdit->toPlainText();
    if (!body.trimmed().isEmpty())
        args.insert(u"body"_s, body);
    if (!m_ui->keyEdit->text().trimmed().isEmpty())
        args.insert(u"key"_s, m_ui->keyEdit->text().trimmed());
    m_answers.removeRows(0, m_answers.rowCount());
    m_requestId.clear();
    m_traceButton->setEnabled(false);
    m_ui->summaryLabel->setText(tr("Sending…"));
    QPointer<SendRequestDialog> self(this);
    m_session->sendRequest(router, args, [self](bool ok, const QJsonObject &result, const QString &error) {
        if (!self)
            return;
        if (!ok) {
            self->m_ui->summaryLabel->setText(tr("Not sent: %1").arg(error));
            return;
        }
        self->m_requestId = result.value("requestId"_L1).toString();
        self->m_traceButton->setEnabled(!self->m_requestId.isEmpty());
        QString summary = result.value("summary"_L1).toString();
        if (summary.isEmpty())
            summary = tr("%n destination(s)", nullptr, int(result.value("destinations"_L1).toArray().size()));
        self->m_ui->summaryLabel->setText(tr("Request %1: %2").arg(self->m_requestId, summary));
    });
}

void SendRequestDialog::onEvent(const Scenario::RecordedEvent &event)
{
    if (m_requestId.isEmpty() || event.kind != "answer"_L1
        || event.fields.value("requestId"_L1).toString() != m_requestId)
        return;
    QStringList path;
    const QJsonArray hops = event.fields.value("path"_L1).toArray();
    for (const QJsonValue &hop : hops)
        path.append(hop.toString());
    const QJsonValue body = event.fields.value("body"_L1);
    const QString text = body.isString() ? body.toString()
                                         : QString::fromUtf8(QJsonDocument(body.toObject()).toJson(QJsonDocument::Compact));
    QList<QStandardItem *> row{new QStandardItem(event.fields.value("from"_L1).toString()),
                               new QStandardItem(QString::number(event.fields.value("status"_L1).toInt())),
                               new QStandardItem(path.join(u" → "_s)), new QStandardItem(text)};
    row.last()->setToolTip(text);
    m_answers.appendRow(row);
    m_ui->answersView->resizeColumnToContents(0);
}

} // namespace Portolan::Console
