import { strict as assert } from 'assert';
import { consentSpeech } from '../../server/src/engine/taxonomy/consent-speech';
import { PERMISSIONS, permissionByManifestName } from '../../server/src/engine/taxonomy/permissions';

describe('consent speech', () => {
  const email = permissionByManifestName('alexa::profile:email:read')!;

  it('speaks the one language every locale of the skill shares', () => {
    assert.equal(consentSpeech(email, ['de-DE', 'de-AT']), 'Dafür braucht dieser Skill die Erlaubnis, deine E-Mail-Adresse zu verwenden. Du kannst sie auf der Karte erteilen, die ich dir in die Alexa App geschickt habe.');
    assert.equal(consentSpeech(email, ['fr-FR', 'fr-CA']), 'Pour cela, cette skill a besoin de l’autorisation d’utiliser votre adresse e-mail. Vous pouvez l’accorder sur la carte que j’ai envoyée dans votre application Alexa.');
    assert.equal(consentSpeech(email, ['ja-JP']), 'そのためには、このスキルにメールアドレスを使用する許可が必要です。Alexaアプリに送ったカードから許可できます。');
  });

  it('lists several permissions with the language\'s "and"', () => {
    const name = permissionByManifestName('alexa::profile:name:read')!;
    const mobile = permissionByManifestName('alexa::profile:mobile_number:read')!;
    assert.equal(consentSpeech([name, email, mobile], ['en-GB']), 'To do that, this skill needs permission to use your name, your e-mail address and your mobile number. You can grant it on the card I sent to your Alexa app.');
    assert.equal(consentSpeech([name, email], ['de-DE']), 'Dafür braucht dieser Skill die Erlaubnis, deinen Namen und deine E-Mail-Adresse zu verwenden. Du kannst sie auf der Karte erteilen, die ich dir in die Alexa App geschickt habe.');
    assert.equal(consentSpeech([name, email], ['ja-JP']), 'そのためには、このスキルにお名前とメールアドレスを使用する許可が必要です。Alexaアプリに送ったカードから許可できます。');
  });

  it('falls back to English for mixed languages, no locales, or a language without phrasing', () => {
    const en = 'To do that, this skill needs permission to use your e-mail address. You can grant it on the card I sent to your Alexa app.';
    assert.equal(consentSpeech(email, ['de-DE', 'en-US']), en);
    assert.equal(consentSpeech(email, []), en);
    assert.equal(consentSpeech(email, ['hi-IN']), en);
    assert.equal(consentSpeech(permissionByManifestName('payments:autopay_consent')!, ['de-DE']), 'To do that, this skill needs permission to use Amazon Pay. You can grant it on the card I sent to your Alexa app.');
  });

  it('has no straight quote or backslash in any phrasing (the text goes inside a string literal)', () => {
    for (const lang of ['de-DE', 'fr-FR', 'es-ES', 'it-IT', 'pt-BR', 'ja-JP', 'en-US']) {
      for (const p of PERMISSIONS) assert.ok(!/['"\\`$]/.test(consentSpeech(p, [lang])), `${lang} ${p.manifest}`);
    }
  });
});
