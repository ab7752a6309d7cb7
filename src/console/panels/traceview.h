#pragma once

#include "scenario/runrecord.h"

#include <QWidget>

class QLabel;
class QStackedWidget;
class QTableView;

namespace Portolan::Console {

class TraceModel;

// A request's path hop by hop with timings, from its trace-hop events (and the delivery
// or answer that ended it). Selecting a row names its node, so the canvas can highlight
// it.
class TraceView : public QWidget
{
    Q_OBJECT
public:
    explicit TraceView(QWidget *parent = nullptr);

    void showTrace(const QString &requestId, const QList<Scenario::RecordedEvent> &hops);
    void clear();

    TraceModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    QString pathText() const;

Q_SIGNALS:
    void hopSelected(const QString &node);

protected:
    void changeEvent(QEvent *event) override;

private:
    TraceModel *m_model;
    QStackedWidget *m_stack = nullptr;
    QLabel *m_title = nullptr;
    QLabel *m_facts = nullptr;
    QLabel *m_path = nullptr;
    QTableView *m_view = nullptr;
};

} // namespace Portolan::Console
