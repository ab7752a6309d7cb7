#include "console/panels/chartspanel.h"

#include "console/panels/actionglyph.h"
#include "console/panels/displayformat.h"
#include "console/panels/seriescatalogmodel.h"
#include "console/panels/seriesdecimator.h"
#include "console/panels/seriesnaming.h"
#include "console/panels/timeseriesstore.h"

#include <QChart>
#include <QChartView>
#include <QElapsedTimer>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLegend>
#include <QLegendMarker>
#include <QLineEdit>
#include <QLineSeries>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QSplitter>
#include <QStackedWidget>
#include <QStyle>
#include <QToolButton>
#include <QToolTip>
#include <QTreeView>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>
#include <cmath>
#include <limits>

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Console {

namespace {

constexpr int HintPage = 0;
constexpr int ChartPage = 1;

// Distinct hues that read on light and dark backgrounds, in the order series get them.
const QColor SeriesColors[] = {
    QColor(0x3a, 0x7b, 0xd5), QColor(0xe6, 0x7e, 0x22), QColor(0x2e, 0x9d, 0x5b), QColor(0xd6, 0x45, 0x41),
    QColor(0x8e, 0x5b, 0xd6), QColor(0x13, 0x9c, 0x9f), QColor(0xc9, 0xa2, 0x27), QColor(0xd8, 0x4c, 0x9a),
    QColor(0x6d, 0x7f, 0x95), QColor(0x7c, 0xb3, 0x42),
};

// A tick spacing in seconds that gives about six labels: 1, 2, 5, 10, 15, 30 s, 1, 2, 5, 10 min.
double tickInterval(double spanSeconds)
{
    static const double steps[] = {1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800};
    for (const double step : steps) {
        if (spanSeconds / step <= 7)
            return step;
    }
    return 3600;
}

} // namespace

ChartsPanel::ChartsPanel(TimeSeriesStore *store, QWidget *parent)
    : QWidget(parent)
    , m_store(store)
    , m_catalog(new SeriesCatalogModel(store, this))
    , m_redrawTimer(this)
    , m_windowMs(TimeSeriesStore::DefaultWindowMs)
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(createPicker());
    splitter->addWidget(createChartArea());
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({220, 680});
    layout->addWidget(splitter);

    connect(m_catalog, &SeriesCatalogModel::toggled, this, [this](const QString &node, const QString &metric, bool on) {
        if (on)
            addSeries(node, metric);
        else
            removeSeries(node, metric);
    });
    connect(store, &TimeSeriesStore::cleared, this, [this] {
        for (Shown &s : m_shown) {
            s.series->clear();
            s.revision = ~quint64(0);
        }
    });

    m_redrawTimer.setObjectName(u"redrawTimer"_s);
    m_redrawTimer.setInterval(RedrawIntervalMs);
    m_redrawTimer.setTimerType(Qt::CoarseTimer);
    connect(&m_redrawTimer, &QTimer::timeout, this, &ChartsPanel::tick);
    m_redrawTimer.start();
    updateHint();
}

ChartsPanel::~ChartsPanel() = default;

QWidget *ChartsPanel::createPicker()
{
    auto *picker = new QWidget(this);
    auto *layout = new QVBoxLayout(picker);
    layout->setContentsMargins(4, 4, 0, 4);
    layout->setSpacing(4);
    m_filterEdit = new QLineEdit(picker);
    m_filterEdit->setPlaceholderText(tr("Filter series…"));
    m_filterEdit->setClearButtonEnabled(true);
    m_filterEdit->setToolTip(tr("Show only nodes and metrics whose name contains this text"));
    layout->addWidget(m_filterEdit);

    m_filter = new QSortFilterProxyModel(picker);
    m_filter->setSourceModel(m_catalog);
    m_filter->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_filter->setRecursiveFilteringEnabled(true);
    m_filter->setAutoAcceptChildRows(true);
    m_tree = new QTreeView(picker);
    m_tree->setModel(m_filter);
    m_tree->setHeaderHidden(true);
    m_tree->setUniformRowHeights(true);
    m_tree->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_tree->setToolTip(tr("Tick a series to chart it"));
    layout->addWidget(m_tree, 1);

    connect(m_filterEdit, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_filter->setFilterFixedString(text);
        if (!text.isEmpty())
            m_tree->expandAll();
    });
    // A double-click on a metric toggles it, like its check box.
    connect(m_tree, &QTreeView::doubleClicked, this, [this](const QModelIndex &index) {
        const QString metric = index.data(SeriesCatalogModel::MetricRole).toString();
        if (metric.isEmpty())
            return;
        const QString node = index.data(SeriesCatalogModel::NodeRole).toString();
        if (isShown(node, metric))
            removeSeries(node, metric);
        else
            addSeries(node, metric);
    });
    return picker;
}

QWidget *ChartsPanel::createChartArea()
{
    auto *area = new QWidget(this);
    auto *layout = new QVBoxLayout(area);
    layout->setContentsMargins(0, 4, 4, 4);
    layout->setSpacing(4);

    auto *bar = new QHBoxLayout;
    bar->setSpacing(6);
    m_pauseButton = new QToolButton(area);
    m_pauseButton->setCheckable(true);
    m_pauseButton->setAutoRaise(true);
    m_pauseButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_pauseButton->setIcon(ActionGlyph::pause());
    m_pauseButton->setText(tr("Pause"));
    m_pauseButton->setToolTip(tr("Freeze the charts to look closely; data keeps being collected"));
    connect(m_pauseButton, &QToolButton::toggled, this, &ChartsPanel::setPaused);
    bar->addWidget(m_pauseButton);

    auto *windowLabel = new QLabel(tr("Window"), area);
    windowLabel->setObjectName(u"windowLabel"_s);
    m_windowSpin = new QSpinBox(area);
    m_windowSpin->setRange(10, 3600);
    m_windowSpin->setSingleStep(30);
    m_windowSpin->setSuffix(tr(" s"));
    m_windowSpin->setValue(int(m_windowMs / 1000));
    m_windowSpin->setToolTip(tr("How much run time the charts show, up to now"));
    m_windowSpin->setKeyboardTracking(false);
    windowLabel->setBuddy(m_windowSpin);
    connect(m_windowSpin, &QSpinBox::valueChanged, this, [this](int seconds) { setWindowMs(qint64(seconds) * 1000); });
    bar->addWidget(windowLabel);
    bar->addWidget(m_windowSpin);

    m_clearButton = new QToolButton(area);
    m_clearButton->setAutoRaise(true);
    m_clearButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_clearButton->setIcon(style()->standardIcon(QStyle::SP_LineEditClearButton));
    m_clearButton->setText(tr("Clear"));
    m_clearButton->setToolTip(tr("Remove every series from the chart"));
    connect(m_clearButton, &QToolButton::clicked, this, &ChartsPanel::clearSeries);
    bar->addWidget(m_clearButton);
    bar->addStretch(1);
    m_status = new QLabel(area);
    m_status->setForegroundRole(QPalette::PlaceholderText);
    bar->addWidget(m_status);
    layout->addLayout(bar);

    m_chart = new QChart;
    m_chart->setTheme(palette().color(QPalette::Window).lightness() < 128 ? QChart::ChartThemeDark
                                                                           : QChart::ChartThemeLight);
    m_chart->setAnimationOptions(QChart::NoAnimation);
    m_chart->setBackgroundRoundness(0);
    m_chart->setMargins(QMargins(2, 2, 2, 2));
    m_chart->legend()->setAlignment(Qt::AlignBottom);
    m_chart->legend()->setMarkerShape(QLegend::MarkerShapeFromSeries);
    m_axisX = new QValueAxis(m_chart);
    m_axisX->setLabelFormat(u"%.0f s"_s);
    m_axisX->setTickType(QValueAxis::TicksDynamic);
    m_axisX->setTickAnchor(0);
    m_axisX->setTitleText(tr("Run time"));
    m_axisY = new QValueAxis(m_chart);
    m_axisY->setLabelFormat(u"%g"_s);
    m_axisY->setRange(0, 1);
    m_chart->addAxis(m_axisX, Qt::AlignBottom);
    m_chart->addAxis(m_axisY, Qt::AlignLeft);

    m_chartStack = new QStackedWidget(area);
    auto *hint = new QLabel(tr("No series on the chart yet.\nTick a metric on the left, or double-click a row in the inspector."),
                            m_chartStack);
    hint->setObjectName(u"chartHint"_s);
    hint->setAlignment(Qt::AlignCenter);
    hint->setWordWrap(true);
    hint->setForegroundRole(QPalette::PlaceholderText);
    m_chartStack->addWidget(hint);
    m_chartView = new QChartView(m_chart, m_chartStack);
    m_chartView->setRenderHint(QPainter::Antialiasing);
    m_chartView->setFrameShape(QFrame::NoFrame);
    m_chartStack->addWidget(m_chartView);
    m_chartStack->installEventFilter(this);
    layout->addWidget(m_chartStack, 1);
    applyTheme();
    return area;
}

void ChartsPanel::applyTheme()
{
    const QPalette pal = palette();
    m_chart->setBackgroundBrush(pal.brush(QPalette::Base));
    m_chart->setBackgroundPen(Qt::NoPen);
    m_chart->setPlotAreaBackgroundVisible(false);
    QColor grid = pal.color(QPalette::Text);
    grid.setAlpha(36);
    QColor line = pal.color(QPalette::Text);
    line.setAlpha(110);
    for (QValueAxis *axis : {m_axisX, m_axisY}) {
        axis->setLabelsBrush(pal.brush(QPalette::Text));
        axis->setTitleBrush(pal.brush(QPalette::PlaceholderText));
        axis->setGridLineColor(grid);
        axis->setLinePenColor(line);
        axis->setMinorGridLineVisible(false);
        QFont font = axis->labelsFont();
        font.setPointSizeF(QWidget::font().pointSizeF() * 0.9);
        axis->setLabelsFont(font);
    }
    m_chart->legend()->setLabelColor(pal.color(QPalette::Text));
}

void ChartsPanel::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && m_chart)
        applyTheme();
    if (event->type() == QEvent::LanguageChange && m_chart)
        retranslate();
}

void ChartsPanel::retranslate()
{
    m_filterEdit->setPlaceholderText(tr("Filter series…"));
    m_filterEdit->setToolTip(tr("Show only nodes and metrics whose name contains this text"));
    m_tree->setToolTip(tr("Tick a series to chart it"));
    m_pauseButton->setText(m_paused ? tr("Resume") : tr("Pause"));
    m_pauseButton->setToolTip(tr("Freeze the charts to look closely; data keeps being collected"));
    if (auto *label = findChild<QLabel *>(u"windowLabel"_s))
        label->setText(tr("Window"));
    m_windowSpin->setSuffix(tr(" s"));
    m_windowSpin->setToolTip(tr("How much run time the charts show, up to now"));
    m_clearButton->setText(tr("Clear"));
    m_clearButton->setToolTip(tr("Remove every series from the chart"));
    m_axisX->setTitleText(tr("Run time"));
    if (auto *hint = findChild<QLabel *>(u"chartHint"_s))
        hint->setText(tr("No series on the chart yet.\nTick a metric on the left, or double-click a row in the inspector."));
}

bool ChartsPanel::eventFilter(QObject *watched, QEvent *event)
{
    // A narrow chart cannot fit a readable legend; the tree's colour swatches stand in.
    if (watched == m_chartStack && event->type() == QEvent::Resize)
        m_chart->legend()->setVisible(m_chartStack->width() >= 520);
    return QWidget::eventFilter(watched, event);
}

QColor ChartsPanel::nextColor()
{
    // The first colour no shown series uses, so removing and adding keeps them distinct.
    for (const QColor &c : SeriesColors) {
        const bool used = std::any_of(m_shown.cbegin(), m_shown.cend(),
                                      [&](const Shown &s) { return s.series->color() == c; });
        if (!used)
            return c;
    }
    return SeriesColors[m_colorIndex++ % std::size(SeriesColors)];
}

void ChartsPanel::addSeries(const QString &node, const QString &metric)
{
    if (metric.isEmpty() || isShown(node, metric))
        return;
    auto *series = new QLineSeries(m_chart);
    series->setName(u"%1 · %2"_s.arg(SeriesNaming::nodeLabel(node), SeriesNaming::shortLabel(metric)));
    series->setProperty("longName", u"%1 · %2"_s.arg(SeriesNaming::nodeLabel(node), SeriesNaming::label(metric)));
    const QColor color = nextColor();
    m_chart->addSeries(series);
    series->attachAxis(m_axisX);
    series->attachAxis(m_axisY);
    QPen pen(color, 2.0);
    pen.setCapStyle(Qt::RoundCap);
    pen.setJoinStyle(Qt::RoundJoin);
    series->setPen(pen);
    series->setUseOpenGL(false);
    connect(series, &QLineSeries::hovered, this, [this, series](const QPointF &point, bool state) {
        if (!state) {
            QToolTip::hideText();
            return;
        }
        QToolTip::showText(QCursor::pos(), u"%1\n%2 at %3"_s.arg(series->property("longName").toString(), DisplayFormat::number(point.y()),
                                                                 DisplayFormat::clock(qint64(point.x() * 1000.0))),
                           m_chartView);
    });
    m_shown.append({node, metric, series});
    m_catalog->setShown(node, metric, true, color);
    const QModelIndex nodeItem = m_filter->mapFromSource(m_catalog->indexOf(node));
    if (nodeItem.isValid())
        m_tree->expand(nodeItem);
    updateHint();
    redraw();
    Q_EMIT shownSeriesChanged();
}

void ChartsPanel::removeSeries(const QString &node, const QString &metric)
{
    auto it = std::find_if(m_shown.begin(), m_shown.end(),
                           [&](const Shown &s) { return s.node == node && s.metric == metric; });
    if (it == m_shown.end())
        return;
    QLineSeries *series = it->series;
    m_shown.erase(it);
    m_chart->removeSeries(series);
    delete series;
    m_catalog->setShown(node, metric, false);
    updateHint();
    redraw();
    Q_EMIT shownSeriesChanged();
}

void ChartsPanel::clearSeries()
{
    const QList<Shown> shown = m_shown;
    for (const Shown &s : shown)
        removeSeries(s.node, s.metric);
}

QStringList ChartsPanel::shownSeries() const
{
    QStringList keys;
    keys.reserve(m_shown.size());
    for (const Shown &s : m_shown)
        keys.append(SeriesNaming::key(s.node, s.metric));
    return keys;
}

bool ChartsPanel::isShown(const QString &node, const QString &metric) const
{
    return std::any_of(m_shown.cbegin(), m_shown.cend(),
                       [&](const Shown &s) { return s.node == node && s.metric == metric; });
}

void ChartsPanel::setPaused(bool paused)
{
    if (paused == m_paused)
        return;
    m_paused = paused;
    {
        const QSignalBlocker blocker(m_pauseButton);
        m_pauseButton->setChecked(paused);
    }
    m_pauseButton->setIcon(paused ? ActionGlyph::play() : ActionGlyph::pause());
    m_pauseButton->setText(paused ? tr("Resume") : tr("Pause"));
    if (!paused)
        redraw();
    updateHint();
    Q_EMIT pausedChanged(paused);
}

void ChartsPanel::setWindowMs(qint64 windowMs)
{
    windowMs = std::clamp<qint64>(windowMs, 10'000, 3'600'000);
    if (windowMs != m_windowMs) {
        m_windowMs = windowMs;
        // The store keeps at least the default history, so a short window can grow back.
        m_store->setWindowMs(qMax(TimeSeriesStore::DefaultWindowMs, windowMs));
        for (Shown &s : m_shown)
            s.revision = ~quint64(0);
    }
    {
        const QSignalBlocker blocker(m_windowSpin);
        m_windowSpin->setValue(int(m_windowMs / 1000));
    }
    if (!m_paused)
        redraw();
}

int ChartsPanel::pointCount(const QString &node, const QString &metric) const
{
    for (const Shown &s : m_shown) {
        if (s.node == node && s.metric == metric)
            return s.series->count();
    }
    return -1;
}

void ChartsPanel::tick()
{
    // Hidden docks cost nothing; the store keeps collecting and the next redraw catches up.
    if (m_paused || !isVisible() || m_shown.isEmpty())
        return;
    redraw();
}

void ChartsPanel::redraw()
{
    const qint64 now = m_store->latestMs();
    if (now < 0)
        return;
    // Early in a run the window is anchored at 0 and the lines grow from the left.
    const qint64 to = qMax(now, m_windowMs);
    const qint64 from = to - m_windowMs;
    double low = std::numeric_limits<double>::max();
    double high = std::numeric_limits<double>::lowest();
    // A bucket (two points at most) every few pixels of plot width; QtCharts rebuilds a
    // series' whole path on every change, so its cost follows the point count.
    QElapsedTimer cost;
    cost.start();
    const int plotWidth = int(m_chart->plotArea().width());
    const int buckets = std::max(50, (plotWidth > 50 ? plotWidth : 900) / m_pixelsPerBucket);
    for (Shown &s : m_shown) {
        const TimeSeries *ts = m_store->series(s.node, s.metric);
        if (!ts)
            continue;
        const QList<QPointF> visible = m_store->points(s.node, s.metric, from);
        for (const QPointF &p : visible) {
            low = std::min(low, p.y());
            high = std::max(high, p.y());
        }
        if (ts->revision() == s.revision && from == m_drawnFromMs)
            continue;
        QList<QPointF> seconds = SeriesDecimator::minMax(visible, buckets);
        for (QPointF &p : seconds)
            p.setX(p.x() / 1000.0);
        s.series->replace(seconds);
        s.revision = ts->revision();
    }
    m_drawnFromMs = from;

    m_axisX->setRange(double(from) / 1000.0, double(to) / 1000.0);
    m_axisX->setTickInterval(tickInterval(double(m_windowMs) / 1000.0));
    if (low > high) {
        low = 0;
        high = 1;
    }
    if (low >= 0)
        low = 0;   // counts and depths read best from zero
    if (high <= low)
        high = low + 1;
    else
        high += (high - low) * 0.08;
    // Rescale when the data leaves the axis or fills less than 40% of it; not on every
    // small change, so the chart does not breathe with each sample.
    const bool outside = low < m_axisY->min() || high > m_axisY->max();
    const bool loose = (high - low) < (m_axisY->max() - m_axisY->min()) * 0.4;
    if (outside || loose) {
        m_axisY->setRange(low, high);
        m_axisY->applyNiceNumbers();
    }
    m_status->setText(tr("at %1").arg(DisplayFormat::clock(now)));

    // Thin harder when over budget, relax when well under; the next change uses it.
    const qint64 spentUs = cost.nsecsElapsed() / 1000;
    if (spentUs > RedrawBudgetUs && m_pixelsPerBucket < 16)
        m_pixelsPerBucket *= 2;
    else if (spentUs < RedrawBudgetUs / 4 && m_pixelsPerBucket > 2)
        --m_pixelsPerBucket;
}

void ChartsPanel::updateHint()
{
    m_chartStack->setCurrentIndex(m_shown.isEmpty() ? HintPage : ChartPage);
    m_clearButton->setEnabled(!m_shown.isEmpty());
}

} // namespace Portolan::Console
