#include "console/languagemanager.h"
#include "console/mainwindow.h"
#include "console/session/consolesession.h"

#include <QAction>
#include <QDockWidget>
#include <QMenu>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace Portolan::Console;

// The console in English, German and French: LanguageManager switches the translators at
// run time and the open window retranslates its menus, docks and actions in place.
class TestTranslations : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void switchesTheOpenWindow_data();
    void switchesTheOpenWindow();
    void languageMenuSwitchesAndRemembers();
    void cliTextIsTranslated_data();
    void cliTextIsTranslated();
    void rejectsUnknownLanguages();
    void cleanupTestCase();

private:
    QString menuTitle(const QString &objectName) const;

    std::unique_ptr<LanguageManager> m_languages;
    std::unique_ptr<ConsoleSession> m_session;
    std::unique_ptr<MainWindow> m_window;
};

QString TestTranslations::menuTitle(const QString &objectName) const
{
    const QMenu *menu = m_window->findChild<QMenu *>(objectName);
    return menu ? menu->title() : u"<no %1>"_s.arg(objectName);
}

void TestTranslations::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(u"PortolanTest"_s);
    QCoreApplication::setApplicationName(u"tst_translations"_s);
    QSettings().remove(u"language"_s);
    m_languages = std::make_unique<LanguageManager>();
    QVERIFY(m_languages->setLanguage(u"en"_s));
    // No node is started: the window's texts do not need a network.
    ConsoleSession::Options options;
    options.nodeProgram = qEnvironmentVariable("PORTOLAN_NODE_BINARY");
    m_session = std::make_unique<ConsoleSession>(options);
    m_window = std::make_unique<MainWindow>(m_session.get());
    m_window->setLanguageManager(m_languages.get());
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QCOMPARE(menuTitle(u"menuFile"_s), u"&File"_s);
}

void TestTranslations::switchesTheOpenWindow_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("view");
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("timelineDock");
    QTest::addColumn<QString>("presentation");
    QTest::addColumn<QString>("decimal");
    QTest::newRow("German") << u"de"_s << u"&Datei"_s << u"&Ansicht"_s << u"&Sprache"_s << u"Zeitleiste"_s
                            << u"&Präsentationsmodus"_s << u"1234,5"_s;
    QTest::newRow("French") << u"fr"_s << u"&Fichier"_s << u"&Affichage"_s << u"&Langue"_s << u"Chronologie"_s
                            << u"Mode &présentation"_s << u"1234,5"_s;
    QTest::newRow("English") << u"en"_s << u"&File"_s << u"&View"_s << u"&Language"_s << u"Timeline"_s
                             << u"&Presentation Mode"_s << u"1234.5"_s;
}

// Switching the language retitles the open window's menus, docks and actions, and numbers
// follow the new locale.
void TestTranslations::switchesTheOpenWindow()
{
    QFETCH(QString, code);
    QFETCH(QString, file);
    QFETCH(QString, view);
    QFETCH(QString, language);
    QFETCH(QString, timelineDock);
    QFETCH(QString, presentation);
    QFETCH(QString, decimal);

    QVERIFY(m_languages->setLanguage(code));
    QCOMPARE(m_languages->hasTranslation(), code != "en"_L1);
    QTRY_COMPARE(menuTitle(u"menuFile"_s), file);
    QCOMPARE(menuTitle(u"menuView"_s), view);
    QCOMPARE(menuTitle(u"menuLanguage"_s), language);
    QCOMPARE(m_window->findChild<QDockWidget *>(u"timelineDock"_s)->windowTitle(), timelineDock);
    QCOMPARE(m_window->action(u"actionPresentation"_s)->text(), presentation);
    // The language names stay in their own language whatever the console speaks.
    QCOMPARE(m_window->action(u"actionLanguage_de"_s)->text(), u"Deutsch"_s);
    QVERIFY(m_window->action(u"actionLanguage_"_s + code)->isChecked());
    QCOMPARE(QLocale().toString(1234.5, 'f', 1).remove(QLocale().groupSeparator()), decimal);
}

// The View ▸ Language menu switches like the manager does, and the choice is saved.
void TestTranslations::languageMenuSwitchesAndRemembers()
{
    m_window->action(u"actionLanguage_fr"_s)->trigger();
    QCOMPARE(m_languages->language(), u"fr"_s);
    QTRY_COMPARE(menuTitle(u"menuHelp"_s), u"&Aide"_s);
    QCOMPARE(QSettings().value(u"language"_s).toString(), u"fr"_s);

    // A fresh manager (the next start) restores it.
    m_window->action(u"actionLanguage_de"_s)->trigger();
    QTRY_COMPARE(menuTitle(u"menuHelp"_s), u"&Hilfe"_s);
    m_languages.reset();
    QTRY_COMPARE(menuTitle(u"menuHelp"_s), u"&Help"_s);   // translators gone with it
    m_languages = std::make_unique<LanguageManager>();
    m_languages->restore();
    QCOMPARE(m_languages->language(), u"de"_s);
    QTRY_COMPARE(menuTitle(u"menuHelp"_s), u"&Hilfe"_s);
    m_window->setLanguageManager(m_languages.get());
    QVERIFY(m_window->action(u"actionLanguage_de"_s)->isChecked());
}

void TestTranslations::cliTextIsTranslated_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("expected");
    QTest::newRow("German") << u"de"_s << u"Nur die Szenariodatei prüfen."_s;
    QTest::newRow("French") << u"fr"_s << u"Vérifier uniquement le fichier de scénario."_s;
    QTest::newRow("English") << u"en"_s << u"Check the scenario file only."_s;
}

// The command line's option descriptions come from the same catalogues.
void TestTranslations::cliTextIsTranslated()
{
    QFETCH(QString, code);
    QFETCH(QString, expected);
    QVERIFY(m_languages->setLanguage(code));
    QCOMPARE(QCoreApplication::translate("portolan", "Check the scenario file only."), expected);
}

// A language Portolan has no catalogue for is refused and changes nothing.
void TestTranslations::rejectsUnknownLanguages()
{
    QVERIFY(m_languages->setLanguage(u"de"_s));
    QVERIFY(!m_languages->setLanguage(u"tlh"_s));
    QCOMPARE(m_languages->language(), u"de"_s);
    QTRY_COMPARE(menuTitle(u"menuFile"_s), u"&Datei"_s);
}

void TestTranslations::cleanupTestCase()
{
    QSettings().remove(u"language"_s);
    m_window.reset();
    m_session.reset();
    m_languages.reset();
}

QTEST_MAIN(TestTranslations)
#include "tst_translations.moc"
