#pragma once

#include <QJsonObject>
#include <QWidget>

class QLabel;
class QStackedWidget;
class QTableView;

namespace Portolan::Console {

class DecisionModel;
class PillLabel;

// "Why did this go there?": a router's delivery decision for an address (the `explain`
// command's result, computed by the same src/routing code the routers forward with).
// A summary on top (address, distribution, where it goes and why), the candidates with
// their numbers below, the winners highlighted.
class DecisionView : public QWidget
{
    Q_OBJECT
public:
    explicit DecisionView(QWidget *parent = nullptr);

    void showDecision(const QJsonObject &explainResult);
    void clear();

    DecisionModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    QString summaryText() const;

protected:
    void changeEvent(QEvent *event) override;

private:
    DecisionModel *m_model;
    QStackedWidget *m_stack = nullptr;
    QLabel *m_title = nullptr;
    PillLabel *m_mode = nullptr;
    PillLabel *m_acked = nullptr;
    QLabel *m_summary = nullptr;
    QLabel *m_destinations = nullptr;
    QTableView *m_view = nullptr;
};

} // namespace Portolan::Console
