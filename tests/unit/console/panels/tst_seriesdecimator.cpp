#include "console/panels/seriesdecimator.h"

#include <QTest>

#include <algorithm>
#include <cmath>

using namespace Portolan::Console;

class tst_SeriesDecimator : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void shortSeriesUntouched();
    void boundedAndOrdered_data();
    void boundedAndOrdered();
    void spikesSurvive();
};

// A series that already fits is returned as it is.
void tst_SeriesDecimator::shortSeriesUntouched()
{
    const QList<QPointF> points{{0, 1}, {1, 2}, {2, 3}};
    QCOMPARE(SeriesDecimator::minMax(points, 10), points);
    QCOMPARE(SeriesDecimator::minMax({}, 10), QList<QPointF>());
}

void tst_SeriesDecimator::boundedAndOrdered_data()
{
    QTest::addColumn<int>("count");
    QTest::addColumn<int>("buckets");
    QTest::newRow("5 min at 10 Hz into 300 buckets") << 3000 << 300;
    QTest::newRow("into 50 buckets") << 3000 << 50;
    QTest::newRow("one bucket") << 1000 << 1;
    QTest::newRow("just over the limit") << 23 << 10;
}

// At most two points per bucket plus the ends, in time order, first and last kept.
void tst_SeriesDecimator::boundedAndOrdered()
{
    QFETCH(int, count);
    QFETCH(int, buckets);
    QList<QPointF> points;
    for (int i = 0; i < count; ++i)
        points.append(QPointF(i * 100.0, std::sin(i / 7.0) * 10.0));
    const QList<QPointF> thin = SeriesDecimator::minMax(points, buckets);
    QVERIFY(thin.size() <= 2 * buckets + 2);
    QVERIFY(thin.size() >= 2);
    QCOMPARE(thin.first(), points.first());
    QCOMPARE(thin.last(), points.last());
    QVERIFY(std::is_sorted(thin.cbegin(), thin.cend(), [](const QPointF &a, const QPointF &b) { return a.x() < b.x(); }));
    for (const QPointF &p : thin)
        QVERIFY(points.contains(p));   // only real samples, nothing interpolated
}

// A one-sample spike in a flat series is still there after thinning.
void tst_SeriesDecimator::spikesSurvive()
{
    QList<QPointF> points;
    for (int i = 0; i < 5000; ++i)
        points.append(QPointF(i, i == 2345 ? 99.0 : 1.0));
    const QList<QPointF> thin = SeriesDecimator::minMax(points, 100);
    QVERIFY(thin.size() <= 202);
    QVERIFY(thin.contains(QPointF(2345, 99.0)));
}

QTEST_GUILESS_MAIN(tst_SeriesDecimator)
#include "tst_seriesdecimator.moc"
