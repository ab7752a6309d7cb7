#pragma once

#include <QSortFilterProxyModel>

namespace Portolan::Console {

// The event log's filter: rows whose node, kind, sentence or request id contain the
// text (case-insensitive), and of one kind when a kind is chosen.
class EventLogFilter : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit EventLogFilter(QObject *parent = nullptr);

    void setText(const QString &text);
    void setKind(const QString &kind);   // "" = every kind
    QString text() const { return m_text; }
    QString kind() const { return m_kind; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QString m_text;
    QString m_kind;
};

} // namespace Portolan::Console
