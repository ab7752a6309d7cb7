#pragma once

#include "scenario/runrecord.h"

#include <QDialog>
#include <QPointer>
#include <QStandardItemModel>

#include <memory>

class QPushButton;
namespace Ui { class SendRequestDialog; }

namespace Portolan::Console {

class ConsoleSession;

// "Send request": injects any HTTP-style request at a router of the running mesh, shows
// where the router sent it and every answer as it returns, and offers the request's
// trace to the canvas.
class SendRequestDialog : public QDialog
{
    Q_OBJECT
public:
    explicit SendRequestDialog(ConsoleSession *session, QWidget *parent = nullptr);
    ~SendRequestDialog() override;

    void setRouter(const QString &router);
    void setAddress(const QString &address);
    QString lastRequestId() const { return m_requestId; }
    int answerCount() const { return m_answers.rowCount(); }

public Q_SLOTS:
    void send();

Q_SIGNALS:
    void traceRequested(const QString &requestId);

private:
    void onEvent(const Portolan::Scenario::RecordedEvent &event);
    void fillRouters();

    std::unique_ptr<Ui::SendRequestDialog> m_ui;
    ConsoleSession *m_session;
    QStandardItemModel m_answers;
    QString m_requestId;
    QPushButton *m_traceButton = nullptr;
};

} // namespace Portolan::Console
