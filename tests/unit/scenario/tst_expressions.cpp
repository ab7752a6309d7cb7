#include "scenario/expressions.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace Portolan::Scenario;

class tst_Expressions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void substitute_data();
    void substitute();
    void errors_data();
    void errors();
    void globalsCanBeReplacedAndRemoved();
    void structuredGlobals();
    void usableNames_data();
    void usableNames();
    void noHostAccess_data();
    void noHostAccess();
    void endlessLoopIsStopped();
};

// ${...} text evaluates to the expression's own type when it is the whole text, and to
// interpolated text otherwise, with the globals (parameters, i) visible.
void tst_Expressions::substitute_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QJsonValue>("expected");

    QTest::newRow("plain text stays text") << u"cutlass"_s << QJsonValue(u"cutlass"_s);
    QTest::newRow("empty text") << QString() << QJsonValue(QString());
    QTest::newRow("arithmetic") << u"${1 + 2 * 3}"_s << QJsonValue(7);
    QTest::newRow("parameter") << u"${stores}"_s << QJsonValue(12);
    QTest::newRow("parameter arithmetic") << u"${stores / 4}"_s << QJsonValue(3);
    QTest::newRow("fraction") << u"${stores / 8}"_s << QJsonValue(1.5);
    QTest::newRow("modulo and counter") << u"${(i - 1) % 4 + 1}"_s << QJsonValue(3);
    QTest::newRow("ternary true") << u"${i == 7 ? 1 : 0}"_s << QJsonValue(1);
    QTest::newRow("ternary false") << u"${i == 6 ? 1 : 0}"_s << QJsonValue(0);
    QTest::newRow("bool") << u"${i > 5}"_s << QJsonValue(true);
    QTest::newRow("string parameter") << u"${item}"_s << QJsonValue(u"cutlass"_s);
    QTest::newRow("string method") << u"${item.toUpperCase()}"_s << QJsonValue(u"CUTLASS"_s);
    QTest::newRow("null") << u"${null}"_s << QJsonValue(QJsonValue::Null);
    QTest::newRow("Math") << u"${Math.max(2, i)}"_s << QJsonValue(7);
    QTest::newRow("list") << u"${[i, i * 2]}"_s << QJsonValue(QJsonArray{7, 14});
    QTest::newRow("map") << u"${ {x: i, name: 'store-' + i} }"_s
                         << QJsonValue(QJsonObject{{u"x"_s, 7}, {u"name"_s, u"store-7"_s}});
    QTest::newRow("interpolation") << u"store-${i}"_s << QJsonValue(u"store-7"_s);
    QTest::newRow("interpolation of two") << u"e${(i - 1) % 4 + 1}-${item}"_s << QJsonValue(u"e3-cutlass"_s);
    QTest::newRow("number in text") << u"${stores / 8} s"_s << QJsonValue(u"1.5 s"_s);
    QTest::newRow("bool in text") << u"big: ${i > 5}"_s << QJsonValue(u"big: true"_s);
    QTest::newRow("space around is text") << u" ${i} "_s << QJsonValue(u" 7 "_s);
    QTest::newRow("brace in a JS string") << u"${'}' + i}"_s << QJsonValue(u"}7"_s);
    QTest::newRow("escaped dollar brace") << u"$${i} is ${i}"_s << QJsonValue(u"${i} is 7"_s);
    QTest::newRow("trailing comment") << u"${i // the counter}"_s << QJsonValue(7);
}

void tst_Expressions::substitute()
{
    QFETCH(QString, text);
    QFETCH(QJsonValue, expected);

    Expressions expressions;
    expressions.setGlobal(u"stores"_s, 12);
    expressions.setGlobal(u"item"_s, u"cutlass"_s);
    expressions.setGlobal(u"i"_s, 7);

    const Expressions::Result result = expressions.substitute(text);
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.value, expected);
    QCOMPARE(result.value.type(), expected.type());
}

// Mistakes in expressions come back as errors that quote the expression and JavaScript's
// own message, never as a value.
void tst_Expressions::errors_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("errorStart");

    QTest::newRow("unknown name") << u"${storez + 1}"_s << u"in ${storez + 1}: ReferenceError: storez is not defined"_s;
    QTest::newRow("unknown name in text") << u"store-${j}"_s << u"in ${j}: ReferenceError: j is not defined"_s;
    QTest::newRow("syntax error") << u"${1 +}"_s << u"in ${1 +}: SyntaxError"_s;
    QTest::newRow("unterminated") << u"store-${i"_s << u"unterminated expression: '${i' has no closing '}'"_s;
    QTest::newRow("empty") << u"${}"_s << u"empty expression ${}"_s;
    QTest::newRow("blank") << u"${  }"_s << u"empty expression ${}"_s;
    QTest::newRow("undefined") << u"${undefined}"_s << u"in ${undefined}: the expression has no value (undefined)"_s;
    QTest::newRow("undefined in text") << u"a${[].x}"_s << u"in ${[].x}: the expression has no value (undefined)"_s;
    QTest::newRow("not finite") << u"${1 / 0}"_s << u"in ${1 / 0}: the value is not a finite number (Infinity)"_s;
    QTest::newRow("NaN") << u"${Math.sqrt(-1)}"_s << u"in ${Math.sqrt(-1)}: the value is not a finite number (NaN)"_s;
    QTest::newRow("function") << u"${Math.max}"_s << u"in ${Math.max}: the value is a function, not data"_s;
    QTest::newRow("thrown") << u"${(() => { throw new Error('boom'); })()}"_s
                            << u"in ${(() => { throw new Error('boom'); })()}: Error: boom"_s;
}

void tst_Expressions::errors()
{
    QFETCH(QString, text);
    QFETCH(QString, errorStart);

    Expressions expressions;
    expressions.setGlobal(u"stores"_s, 12);
    expressions.setGlobal(u"i"_s, 1);

    const Expressions::Result result = expressions.substitute(text);
    QVERIFY(!result.ok());
    QVERIFY2(result.error.startsWith(errorStart), qPrintable(result.error));
    QCOMPARE(result.value.type(), QJsonValue::Undefined);
}

// A repeat sets i for each copy and removes it afterwards: a later ${i} is an error again.
void tst_Expressions::globalsCanBeReplacedAndRemoved()
{
    Expressions expressions;
    expressions.setGlobal(u"i"_s, 1);
    QCOMPARE(expressions.substitute(u"${i}"_s).value, QJsonValue(1));
    expressions.setGlobal(u"i"_s, 2);
    QCOMPARE(expressions.substitute(u"${i}"_s).value, QJsonValue(2));
    expressions.removeGlobal(u"i"_s);
    const Expressions::Result gone = expressions.substitute(u"${i}"_s);
    QVERIFY(!gone.ok());
    QVERIFY2(gone.error.contains(u"ReferenceError: i is not defined"_s), qPrintable(gone.error));
}

// Lists and maps given as globals are JavaScript arrays and objects to the expressions.
void tst_Expressions::structuredGlobals()
{
    Expressions expressions;
    expressions.setGlobal(u"stock"_s, QJsonObject{{u"cutlass"_s, 3}, {u"tricorn"_s, 2}});
    expressions.setGlobal(u"nearby"_s, QJsonArray{4, 5, 6});

    QCOMPARE(expressions.evaluate(u"stock.cutlass + stock.tricorn"_s).value, QJsonValue(5));
    QCOMPARE(expressions.evaluate(u"nearby.length"_s).value, QJsonValue(3));
    QCOMPARE(expressions.evaluate(u"nearby.map(n => n * 10)"_s).value, QJsonValue(QJsonArray{40, 50, 60}));
    QCOMPARE(expressions.evaluate(u"stock"_s).value, QJsonValue(QJsonObject{{u"cutlass"_s, 3}, {u"tricorn"_s, 2}}));
}

// Parameter names must be usable in expressions and must not hide JavaScript's globals.
void tst_Expressions::usableNames_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("usable");
    QTest::addColumn<QString>("whyContains");

    QTest::newRow("simple") << u"stores"_s << true << QString();
    QTest::newRow("camel case") << u"answerTimeoutMs"_s << true << QString();
    QTest::newRow("underscore") << u"_x1"_s << true << QString();
    QTest::newRow("set earlier") << u"already"_s << true << QString();
    QTest::newRow("dash") << u"answer-timeout"_s << false << u"not a name"_s;
    QTest::newRow("leading digit") << u"1st"_s << false << u"not a name"_s;
    QTest::newRow("reserved") << u"class"_s << false << u"reserved word"_s;
    QTest::newRow("Math") << u"Math"_s << false << u"would hide"_s;
    QTest::newRow("undefined") << u"undefined"_s << false << u"would hide"_s;
}

void tst_Expressions::usableNames()
{
    QFETCH(QString, name);
    QFETCH(bool, usable);
    QFETCH(QString, whyContains);

    Expressions expressions;
    expressions.setGlobal(u"already"_s, 1);
    QString why;
    QCOMPARE(expressions.isUsableName(name, &why), usable);
    QCOMPARE(why.isEmpty(), usable);
    QVERIFY2(why.contains(whyContains), qPrintable(why));
}

// The engine offers only ECMAScript's globals: nothing of Qt, the console or the host.
void tst_Expressions::noHostAccess_data()
{
    QTest::addColumn<QString>("expression");

    QTest::newRow("Qt") << u"Qt.quit()"_s;
    QTest::newRow("console") << u"console.log(1)"_s;
    QTest::newRow("XMLHttpRequest") << u"new XMLHttpRequest()"_s;
    QTest::newRow("require") << u"require('fs')"_s;
    QTest::newRow("qsTr") << u"qsTr('x')"_s;
}

void tst_Expressions::noHostAccess()
{
    QFETCH(QString, expression);

    Expressions expressions;
    const Expressions::Result result = expressions.evaluate(expression);
    QVERIFY(!result.ok());
    QVERIFY2(result.error.startsWith(u"ReferenceError"_s), qPrintable(result.error));
}

// An expression that never ends is stopped at the time limit, and the engine stays usable.
void tst_Expressions::endlessLoopIsStopped()
{
    Expressions expressions(std::chrono::milliseconds(100));
    const Expressions::Result result = expressions.substitute(u"${(() => { for (;;) {} })()}"_s);
    QVERIFY(!result.ok());
    QVERIFY2(result.error.contains(u"took longer than 100 ms and was stopped"_s), qPrintable(result.error));

    const Expressions::Result after = expressions.substitute(u"${6 * 7}"_s);
    QVERIFY2(after.ok(), qPrintable(after.error));
    QCOMPARE(after.value, QJsonValue(42));
}

QTEST_GUILESS_MAIN(tst_Expressions)
#include "tst_expressions.moc"
