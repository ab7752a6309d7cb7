#pragma once

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QTableView;
class QToolButton;

namespace Portolan::Console {

class EventLogFilter;
class EventLogModel;

// The event log dock: every recorded event as a row, newest at the bottom, with a text
// filter, a kind filter and a Follow toggle that keeps the newest row in view.
// Double-click a row that belongs to a request to trace it; other rows select their node.
class EventLogPanel : public QWidget
{
    Q_OBJECT
public:
    explicit EventLogPanel(QWidget *parent = nullptr);

    EventLogModel *model() const { return m_model; }
    EventLogFilter *filter() const { return m_filter; }
    QTableView *view() const { return m_view; }

    void setFollowing(bool follow);
    bool isFollowing() const;
    void setFilterText(const QString &text);
    void setKindFilter(const QString &kind);

Q_SIGNALS:
    void traceRequested(const QString &requestId);
    void nodeSelected(const QString &node);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void activate(const QModelIndex &index);
    void showContextMenu(const QPoint &pos);
    void addKind(const QString &kind);
    void updateCount();

    EventLogModel *m_model;
    EventLogFilter *m_filter;
    QLineEdit *m_filterEdit = nullptr;
    QComboBox *m_kindBox = nullptr;
    QToolButton *m_followButton = nullptr;
    QLabel *m_count = nullptr;
    QTableView *m_view = nullptr;
};

} // namespace Portolan::Console
