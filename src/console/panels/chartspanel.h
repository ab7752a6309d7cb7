#pragma once

#include <QHash>
#include <QTimer>
#include <QWidget>

class QChart;
class QChartView;
class QLabel;
class QLineEdit;
class QLineSeries;
class QSortFilterProxyModel;
class QSpinBox;
class QStackedWidget;
class QToolButton;
class QTreeView;
class QValueAxis;

namespace Portolan::Console {

class SeriesCatalogModel;
class TimeSeriesStore;

// The charts dock: live line charts of the series the user picked, over a sliding window
// of run time (default 5 minutes), with pause. On the left a filterable tree of every
// series the store holds (tick to show); on the right the chart. The chart is redrawn on
// its own timer at about 6 Hz, each changed series thinned to the plot's width and
// replaced in one bulk call, never once per sample: a busy mesh costs the chart the same
// as a quiet one. QtCharts rebuilds a series' whole path on every change, so the panel
// watches its own redraw time and thins harder when it exceeds its budget.
class ChartsPanel : public QWidget
{
    Q_OBJECT
public:
    static constexpr int RedrawIntervalMs = 160;
    // What one redraw may cost the GUI thread before the series are thinned further.
    static constexpr qint64 RedrawBudgetUs = 12'000;

    explicit ChartsPanel(TimeSeriesStore *store, QWidget *parent = nullptr);
    ~ChartsPanel() override;

    void addSeries(const QString &node, const QString &metric);
    void removeSeries(const QString &node, const QString &metric);
    void clearSeries();
    QStringList shownSeries() const;    // SeriesNaming::key(node, metric) of each, in order added
    bool isShown(const QString &node, const QString &metric) const;

    void setPaused(bool paused);
    bool isPaused() const { return m_paused; }
    void setWindowMs(qint64 windowMs);
    qint64 windowMs() const { return m_windowMs; }

    // Points the chart currently draws for a series; -1 when it is not shown.
    int pointCount(const QString &node, const QString &metric) const;
    // Redraws now instead of at the next tick (also while hidden).
    void redraw();

    SeriesCatalogModel *catalog() const { return m_catalog; }
    QChart *chart() const { return m_chart; }

Q_SIGNALS:
    void pausedChanged(bool paused);
    void shownSeriesChanged();

protected:
    void changeEvent(QEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    struct Shown
    {
        QString node;
        QString metric;
        QLineSeries *series = nullptr;
        quint64 revision = ~quint64(0);
    };

    QWidget *createPicker();
    QWidget *createChartArea();
    void tick();
    void retranslate();
    void applyTheme();
    void updateHint();
    QColor nextColor();

    TimeSeriesStore *m_store;
    SeriesCatalogModel *m_catalog;
    QSortFilterProxyModel *m_filter = nullptr;
    QLineEdit *m_filterEdit = nullptr;
    QTreeView *m_tree = nullptr;
    QToolButton *m_pauseButton = nullptr;
    QToolButton *m_clearButton = nullptr;
    QSpinBox *m_windowSpin = nullptr;
    QLabel *m_status = nullptr;
    QStackedWidget *m_chartStack = nullptr;
    QChart *m_chart = nullptr;
    QChartView *m_chartView = nullptr;
    QValueAxis *m_axisX = nullptr;
    QValueAxis *m_axisY = nullptr;
    QList<Shown> m_shown;
    QTimer m_redrawTimer;
    bool m_paused = false;
    qint64 m_windowMs;
    qint64 m_drawnFromMs = -1;
    int m_colorIndex = 0;
    int m_pixelsPerBucket = 3;   // adapted to RedrawBudgetUs, 2..16
};

} // namespace Portolan::Console
