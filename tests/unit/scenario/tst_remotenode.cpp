#include "scenario/remotenode.h"

#include <QtTest>

using namespace Qt::Literals::StringLiterals;
using Portolan::Scenario::RemoteNode;

// Control URLs and link addresses of nodes on other hosts, as the scenario file and
// `portolan --attach` give them.
class tst_RemoteNode : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // A well-formed control URL yields host, port and token, and writes back the same.
    void readsControlUrls_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("host");
        QTest::addColumn<int>("port");
        QTest::addColumn<QByteArray>("token");
        QTest::newRow("address") << u"ws://10.0.0.5:7101/?token=3f9c"_s << u"10.0.0.5"_s << 7101 << QByteArray("3f9c");
        QTest::newRow("name, no path") << u"ws://router-1.example:7101?token=t"_s << u"router-1.example"_s << 7101
                                       << QByteArray("t");
        QTest::newRow("IPv6") << u"ws://[::1]:7102/?token=t"_s << u"::1"_s << 7102 << QByteArray("t");
        QTest::newRow("escaped token") << u"ws://h:1/?token=a%2Bb%20c"_s << u"h"_s << 1 << QByteArray("a+b c");
        QTest::newRow("spaces around") << u"  ws://h:2/?token=x \n"_s << u"h"_s << 2 << QByteArray("x");
    }
    void readsControlUrls()
    {
        QFETCH(QString, url);
        QFETCH(QString, host);
        QFETCH(int, port);
        QFETCH(QByteArray, token);
        QString error;
        const std::optional<RemoteNode> node = RemoteNode::fromControlUrl(url, &error);
        QVERIFY2(node, qPrintable(error));
        QCOMPARE(node->host, host);
        QCOMPARE(int(node->controlPort), port);
        QCOMPARE(node->token, token);
        QVERIFY(node->isRemote());
        QVERIFY(!node->hasLinkAddress());
        const std::optional<RemoteNode> again = RemoteNode::fromControlUrl(node->controlUrl(), &error);
        QVERIFY2(again, qPrintable(node->controlUrl()));
        QCOMPARE(*again, *node);
    }

    // Anything else is refused with a message that says what is missing.
    void refusesBadControlUrls_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("message");
        QTest::newRow("empty") << QString() << u"is not a control URL"_s;
        QTest::newRow("no scheme") << u"10.0.0.5:7101"_s << u"is not a control URL"_s;
        QTest::newRow("a bare host and port") << u"router:7101"_s << u"starts with ws://, got 'router'"_s;
        QTest::newRow("wss") << u"wss://h:7101/?token=t"_s << u"starts with ws://, got 'wss'"_s;
        QTest::newRow("http") << u"http://h:7101/?token=t"_s << u"starts with ws://, got 'http'"_s;
        QTest::newRow("no host") << u"ws://:7101/?token=t"_s << u"names no host"_s;
        QTest::newRow("no port") << u"ws://h/?token=t"_s << u"names no port"_s;
        QTest::newRow("no token") << u"ws://h:7101/"_s << u"has no token"_s;
        QTest::newRow("empty token") << u"ws://h:7101/?token="_s << u"has no token"_s;
        QTest::newRow("garbage") << u"ws://h:notaport/?token=t"_s << u"is not a control URL"_s;
    }
    void refusesBadControlUrls()
    {
        QFETCH(QString, url);
        QFETCH(QString, message);
        QString error;
        QVERIFY(!RemoteNode::fromControlUrl(url, &error));
        QVERIFY2(error.contains(message), qPrintable(error));
    }

    // Link addresses are HOST:PORT, brackets around an IPv6 host; nothing else.
    void readsLinkAddresses_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<QString>("host");
        QTest::addColumn<int>("port");
        QTest::newRow("address") << u"10.0.0.5:7001"_s << true << u"10.0.0.5"_s << 7001;
        QTest::newRow("name") << u"r1.example:7001"_s << true << u"r1.example"_s << 7001;
        QTest::newRow("IPv6") << u"[fd00::5]:7001"_s << true << u"fd00::5"_s << 7001;
        QTest::newRow("no port") << u"10.0.0.5"_s << false << QString() << 0;
        QTest::newRow("port 0") << u"10.0.0.5:0"_s << false << QString() << 0;
        QTest::newRow("a path") << u"10.0.0.5:7001/x"_s << false << QString() << 0;
        QTest::newRow("a URL") << u"ws://10.0.0.5:7001"_s << false << QString() << 0;
    }
    void readsLinkAddresses()
    {
        QFETCH(QString, text);
        QFETCH(bool, valid);
        QFETCH(QString, host);
        QFETCH(int, port);
        RemoteNode node;
        QString error;
        QCOMPARE(node.setLinkAddress(text, &error), valid);
        if (valid) {
            QCOMPARE(node.linkHost, host);
            QCOMPARE(int(node.linkPort), port);
            QVERIFY(node.hasLinkAddress());
        } else {
            QVERIFY2(error.contains(u"is not a link address"_s), qPrintable(error));
            QVERIFY(!node.hasLinkAddress());
        }
    }
};

QTEST_GUILESS_MAIN(tst_RemoteNode)
#include "tst_remotenode.moc"
