import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log.ts';
import { type Playground, startPlayground } from '../../src/playground/index.ts';

const CHROMIUM = '/usr/bin/chromium';
const SHOTS = join(tmpdir(), 'changeboard-playground-screenshots');
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

let playground: Playground;
let browser: Browser;
let page: Page;
const problems: string[] = [];

beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (.ci/run does)`);
  playground = await startPlayground({
    port: 0,
    host: '127.0.0.1',
    appPort: 0,
    databasePath: ':memory:',
    log: silentLogger,
    heartbeat: null,
  });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  page.setDefaultTimeout(15_000);
  // A Content-Security-Policy violation or a script error fails the test: the page must work under its CSP.
  page.on('console', (m) => {
    if (m.type() === 'error' && !/favicon/.test(m.location().url)) problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('dialog', (d) => void d.accept());
}, 30_000);

afterAll(async () => {
  await browser?.close();
  await playground?.stop();
});

const slack = () => page.getByTestId('slack-pane');
const teams = () => page.getByTestId('teams-pane');

/**
 * Screenshots one pane, checks it is a real PNG and that the pane's text says what it should. `show` is
 * scrolled into view first, so the picture has what the step is about.
 */
async function checkPane(pane: Locator, name: string, expected: RegExp[], show?: Locator): Promise<void> {
  await show?.scrollIntoViewIfNeeded();
  const png = await pane.screenshot();
  mkdirSync(SHOTS, { recursive: true });
  writeFileSync(join(SHOTS, `${name}.png`), png);
  expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  expect(png.length).toBeGreaterThan(10_000);
  const text = await pane.innerText();
  for (const pattern of expected) expect(text).toMatch(pattern);
}

async function actAs(key: string): Promise<void> {
  await page.getByTestId('person-picker').selectOption(key);
}

const inBlock = (modal: Locator, blockId: string) => modal.locator(`[data-block-id="${blockId}"]`);
const local = (d: Date) => {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
};

describe('the playground in a real browser', () => {
  it('raises a change in Slack, approves it in Teams, shows App Home, reminders after time travel, and releases it', async () => {
    await page.goto(playground.url);
    expect(await page.getByTestId('trial-badge').innerText()).toMatch(/local trial/);
    await page.getByTestId('teams-messages').getByText('Changeboard').first().waitFor();

    // Rita raises a change through /change new and the modal.
    await actAs('rita');
    await page.getByTestId('slack-composer').fill('/change new');
    await page.getByTestId('slack-composer').press('Enter');
    const modal = page.getByTestId('slack-modal');
    await modal.waitFor();
    await inBlock(modal, 'title').locator('input').fill('Upgrade the wiki search index');
    await inBlock(modal, 'type').locator('select').selectOption('normal');
    await inBlock(modal, 'services').locator('select').selectOption(['internal-tools']);
    const start = new Date(Date.now() + 96 * 3_600_000);
    await inBlock(modal, 'plannedStart').locator('input').fill(local(start));
    await inBlock(modal, 'plannedEnd')
      .locator('input')
      .fill(local(new Date(start.getTime() + 2 * 3_600_000)));
    await inBlock(modal, 'description')
      .locator('textarea')
      .fill('Rebuild the search index with the new analyser.');
    await inBlock(modal, 'justification').locator('textarea').fill('Searches time out for editors.');
    for (const [field, value] of Object.entries({
      impact: 'degraded',
      complexity: 'moderate',
      tested: 'partially',
      backout: 'hard',
      failedBefore: 'no',
    })) {
      await inBlock(modal, field).locator('select').selectOption(value);
    }
    await inBlock(modal, 'implementationPlan').locator('textarea').fill('Run the reindex job.');
    await inBlock(modal, 'backoutPlan').locator('textarea').fill('Switch back to the old index.');
    await inBlock(modal, 'testPlan').locator('textarea').fill('Search for three known pages.');
    await page.getByTestId('slack-modal-submit').click();
    await modal.waitFor({ state: 'detached' }).catch(async (error) => {
      // The modal shows the app's inline field errors: say which.
      throw new Error(`the form stayed open: ${await modal.locator('.sk-error').allInnerTexts()}`, {
        cause: error,
      });
    });

    // The card is in the CAB channel on both platforms.
    await slack().getByTestId('slack-message').filter({ hasText: 'Upgrade the wiki search index' }).waitFor();
    await teams().getByTestId('teams-card').filter({ hasText: 'Upgrade the wiki search index' }).waitFor();
    await checkPane(slack(), 'slack-card', [/cab-approvals/, /CHG-1/, /Upgrade the wiki search index/]);
    await checkPane(teams(), 'teams-card', [/CAB approvals/, /CHG-1/, /Upgrade the wiki search index/]);

    // Rita may not approve her own change: Slack tells her privately, and nothing changes.
    const ritasCard = slack()
      .getByTestId('slack-message')
      .filter({ hasText: 'Upgrade the wiki search index' });
    await ritasCard.getByRole('button', { name: 'Approve' }).click();
    await slack()
      .getByTestId('slack-ephemeral')
      .filter({ hasText: /segregation of duties/ })
      .waitFor();

    // Carol, a CAB member on both platforms, approves in Teams; the Slack card updates.
    await actAs('carol');
    const teamsCard = teams().getByTestId('teams-card').filter({ hasText: 'Upgrade the wiki search index' });
    await teamsCard.getByRole('button', { name: 'Approve' }).click();
    // The clicker's own card says what happened; then every copy is updated by the refresh job.
    await teams()
      .getByTestId('teams-card')
      .filter({ hasText: /Carol Diaz ✅ approved/ })
      .waitFor();
    const slackCard = slack()
      .getByTestId('slack-message')
      .filter({ hasText: 'Upgrade the wiki search index' });
    await slackCard
      .filter({ hasText: /Carol Diaz/ })
      .filter({ hasText: /\(edited\)/ })
      .waitFor();
    await checkPane(teams(), 'teams-approved', [/Carol Diaz ✅ approved/, /1 of 2/]);
    await checkPane(slack(), 'slack-updated', [/Carol Diaz/, /1 of 2/]);

    // App Home lists what awaits Alice's vote.
    await actAs('alice');
    await page.getByTestId('slack-home-tab').click();
    await slack().getByTestId('slack-home').filter({ hasText: 'Upgrade the wiki search index' }).waitFor();
    await checkPane(slack(), 'slack-home', [/Upgrade the wiki search index/]);

    // The weekly release train is planned ahead: its next instances have live cards in both release channels.
    await actAs('ivan');
    await page.getByTestId('slack-channel-releases').click();
    await page.getByTestId('teams-channel-releases').click();
    const slackTrain = slack()
      .getByTestId('slack-message')
      .filter({ hasText: /REL-1 Weekly release train/ });
    const teamsTrain = teams()
      .getByTestId('teams-card')
      .filter({ hasText: /REL-1 Weekly release train/ });
    await slackTrain.waitFor();
    await teamsTrain.waitFor();
    await checkPane(
      slack(),
      'slack-release-train',
      [/# releases/, /REL-1 Weekly release train/, /Ivan Petrov/, /Checklist/],
      slackTrain,
    );
    await checkPane(
      teams(),
      'teams-release-train',
      [/Releases/, /REL-1 Weekly release train/, /Checklist/],
      teamsTrain,
    );

    // /release show answers privately with the card; its buttons work there too.
    await page.getByTestId('slack-composer').fill('/release show REL-1');
    await page.getByTestId('slack-composer').press('Enter');
    const shown = slack()
      .getByTestId('slack-ephemeral')
      .filter({ hasText: /REL-1 Weekly release train/ });
    await shown.getByRole('button', { name: 'Release notes' }).click();
    await slack()
      .getByTestId('slack-ephemeral')
      .filter({ hasText: /Release notes of REL-1/ })
      .waitFor();

    // Ivan, a release manager, plans a release of the train through /release new and its modal.
    const now = new Date((await page.getByTestId('clock-now').getAttribute('datetime')) ?? '');
    await page.getByTestId('slack-composer').fill('/release new');
    await page.getByTestId('slack-composer').press('Enter');
    await modal.waitFor();
    await inBlock(modal, 'model').locator('select').selectOption('weekly');
    await inBlock(modal, 'name').locator('input').fill('Wiki search 2.0');
    await inBlock(modal, 'start')
      .locator('input')
      .fill(local(new Date(now.getTime() + 30 * 3_600_000)));
    await inBlock(modal, 'window').locator('input').fill('2h');
    await page.getByTestId('slack-modal-submit').click();
    await modal.waitFor({ state: 'detached' });
    const slackRelease = slack()
      .getByTestId('slack-message')
      .filter({ hasText: 'Wiki search 2.0' })
      .filter({ hasText: 'Checklist' });
    await slackRelease.waitFor();
    const key = /REL-\d+/.exec(await slackRelease.locator('.sk-header').innerText())?.[0] ?? 'REL-?';
    const teamsRelease = teams()
      .getByTestId('teams-card')
      .filter({ hasText: `${key} Wiki search 2.0` })
      .filter({ hasText: 'Checklist' });
    await teamsRelease.waitFor();

    // He adds the change by typing in the Teams release channel; both live cards list it.
    await page.getByTestId('teams-composer').fill(`release add CHG-1 ${key}`);
    await page.getByTestId('teams-composer').press('Enter');
    await slackRelease.filter({ hasText: /CHG-1/ }).waitFor();
    await teamsRelease.filter({ hasText: /CHG-1/ }).waitFor();

    // The checklist ticks from Slack's checkboxes; the Teams card says who ticked what.
    await slackRelease.getByLabel('Identify the release model').check();
    await teamsRelease.filter({ hasText: /☑ Identify the release model \(Ivan Petrov\)/ }).waitFor();
    // ...and from the Teams card's Tick buttons; the Slack checkbox follows.
    await teamsRelease.getByRole('button', { name: 'Tick', exact: true }).first().click();
    await slackRelease
      .locator('label', { hasText: 'Plan the release instance' })
      .locator('input:checked')
      .waitFor();
    await checkPane(
      slack(),
      'slack-release-planned',
      [new RegExp(`${key} Wiki search 2.0`), /CHG-1/, /Upgrade the wiki search index/],
      slackRelease,
    );
    await checkPane(
      teams(),
      'teams-release-planned',
      [new RegExp(`${key} Wiki search 2.0`), /CHG-1/, /☑ Identify the release model \(Ivan Petrov\)/],
      teamsRelease,
    );

    // A day later: the release's T-24h reminder in both release channels names the change still unapproved,
    // and the approvers who have not voted are reminded, all through the real job worker.
    await page.getByTestId('travel-25h').click();
    const reminder = `Reminder (T-24h): ${key} Wiki search 2.0`;
    const slackReminder = slack().getByTestId('slack-message').filter({ hasText: reminder });
    const teamsReminder = teams().getByTestId('teams-card').filter({ hasText: reminder });
    await slackReminder.waitFor();
    await teamsReminder.waitFor();
    const reminderText = [new RegExp(`Reminder \\(T-24h\\): ${key} Wiki search 2.0 starts`), /CHG-1/];
    await checkPane(slack(), 'slack-release-reminder', reminderText, slackReminder);
    await checkPane(teams(), 'teams-release-reminder', reminderText, teamsReminder);

    await actAs('alice');
    await page.getByTestId('slack-dm-tab').click();
    await slack()
      .getByTestId('slack-message')
      .filter({ hasText: /Reminder: CHG-1/ })
      .waitFor();
    await checkPane(slack(), 'slack-reminder', [
      /Reminder: CHG-1 "Upgrade the wiki search index" is waiting for your vote/,
    ]);
    await actAs('bob');
    await page.getByTestId('teams-chat-tab').click();
    await teams()
      .getByTestId('teams-card')
      .filter({ hasText: /Reminder: CHG-1/ })
      .waitFor();
    await checkPane(teams(), 'teams-reminder', [/Reminder: CHG-1/]);

    // Dave, the change manager, approves in Slack: the change is authorised, and the release card says so.
    await actAs('dave');
    await page.getByTestId('slack-channel-cab').click();
    await slack()
      .getByTestId('slack-message')
      .filter({ hasText: 'Upgrade the wiki search index' })
      .getByRole('button', { name: 'Approve' })
      .click();
    await slack()
      .getByTestId('slack-message')
      .filter({ hasText: 'Upgrade the wiki search index' })
      .filter({ hasText: /Approved by Carol Diaz and Dave Okafor/ })
      .waitFor();
    await actAs('ivan');
    await page.getByTestId('slack-channel-releases').click();
    await page.getByTestId('teams-channel-releases').click();

    // Ivan starts the release from Slack (every included change is now authorised); both channels hear it.
    await page.getByTestId('slack-composer').fill(`/release start ${key}`);
    await page.getByTestId('slack-composer').press('Enter');
    const started = `${key} Wiki search 2.0 has started`;
    await slack().getByTestId('slack-message').filter({ hasText: started }).waitFor();
    await teams().getByTestId('teams-card').filter({ hasText: started }).waitFor();
    await slackRelease
      .filter({ hasText: /In progress/ })
      .filter({ hasText: /1 of 1 approved/ })
      .waitFor();

    // He completes it from its card in Teams with the outcome; the announcement carries the release notes.
    await teamsRelease.filter({ hasText: 'In progress' }).waitFor();
    await teamsRelease.getByRole('button', { name: 'Complete', exact: true }).click();
    await teamsRelease.locator('select').selectOption('successful');
    await teamsRelease.locator('textarea').fill('Searches answer in under a second again.');
    await teamsRelease.getByRole('button', { name: 'Complete release' }).click();
    const completed = `${key} Wiki search 2.0 is complete: Successful`;
    const slackCompleted = slack().getByTestId('slack-message').filter({ hasText: completed });
    const teamsCompleted = teams().getByTestId('teams-card').filter({ hasText: completed });
    await slackCompleted.waitFor();
    await teamsCompleted.waitFor();
    const announced = [
      new RegExp(`${key} Wiki search 2.0 is complete: Successful`),
      /Searches answer in under a second again/,
      /CHG-1/,
    ];
    await checkPane(slack(), 'slack-release-completed', announced, slackCompleted);
    await checkPane(teams(), 'teams-release-completed', announced, teamsCompleted);

    // Erin, the other release manager, plans a release in her Teams chat through the form card: a window
    // Changeboard cannot read comes back with the error under its field, and the corrected form plans it.
    await actAs('erin');
    await page.getByTestId('teams-chat-tab').click();
    await page.getByTestId('teams-composer').fill('release new');
    await page.getByTestId('teams-composer').press('Enter');
    const form = teams().getByTestId('teams-card').filter({ hasText: 'Plan a release' });
    await form.waitFor();
    const inForm = (label: string) => form.getByLabel(label, { exact: false });
    await inForm('Release model').selectOption('weekly');
    await inForm('Name or version').fill('Hotfix 2.0.1');
    const day = new Date(now.getTime() + 72 * 3_600_000).toISOString().slice(0, 10);
    await inForm('Planned start').fill(day);
    await inForm('Start time').fill('09:00');
    await inForm('Window length').fill('soon');
    await form.getByRole('button', { name: 'Plan release' }).click();
    await form.filter({ hasText: 'Give a duration such as 2h or 90m.' }).waitFor();
    await checkPane(
      teams(),
      'teams-release-form-error',
      [/Plan a release/, /Give a duration such as 2h or 90m/],
      form,
    );
    await inForm('Window length').fill('1h');
    await form.getByRole('button', { name: 'Plan release' }).click();
    await page.getByTestId('slack-channel-releases').click();
    await slack()
      .getByTestId('slack-message')
      .filter({ hasText: 'Hotfix 2.0.1' })
      .filter({ hasText: 'Checklist' })
      .waitFor();
    await page.getByTestId('teams-channel-releases').click();
    await teams()
      .getByTestId('teams-card')
      .filter({ hasText: /REL-\d+ Hotfix 2\.0\.1/ })
      .filter({ hasText: 'Checklist' })
      .waitFor();

    expect(problems).toEqual([]);
  }, 150_000);
});
